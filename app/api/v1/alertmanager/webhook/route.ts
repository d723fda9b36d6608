// Serves POST: Alertmanager's webhook notifications for a metrics source (authenticated by the source's receiver token).
import { apiError, apiJson } from "@/app/_server/api-route";
import { AppError } from "@/lib/errors";
import { receiveAlertmanagerNotification, receiverSourceOf } from "@/lib/alerts/receive-notification";

/** Alertmanager sends at most a few KiB per group; a megabyte is not a notification. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function POST(request: Request): Promise<Response> {
  try {
    // The token first: an unauthenticated caller cannot make the server read a megabyte.
    const source = await receiverSourceOf(request.headers.get("authorization"));
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) throw new AppError({ code: "BAD_INPUT", message: "The notification is larger than 1 MiB." });
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError({ code: "BAD_INPUT", message: "The notification is larger than 1 MiB." });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const result = await receiveAlertmanagerNotification(source, body);
    return apiJson(result);
  } catch (error) {
    return apiError(error);
  }
}

import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { can } from "@/lib/auth/roles";
import { joinQrDataUrl, joinUrl } from "@/lib/live/join-link";
import { loadPresenterModel } from "@/lib/live/presenter-model";
import { PresenterView } from "@/components/presenter/presenter-view";
import { setPhaseAction } from "../../actions";
import { endRunAction, goOnAfterFaultFailureAction } from "../runs/actions";
import { setStepTimerAction } from "./actions";
import { requestOrigin } from "./_lib/request-origin";

export const metadata = { title: "Presenter" };

export default async function PresentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const model = await orNotFound(() => loadPresenterModel(user, id));
  const join = joinUrl(await requestOrigin(), id);
  return (
    <PresenterView
      model={model}
      join={{ url: join, qr: await joinQrDataUrl(join) }}
      canFacilitate={can(user.role, "facilitate")}
      actions={{ setPhase: setPhaseAction, endRun: endRunAction, setStepTimer: setStepTimerAction, goOn: goOnAfterFaultFailureAction }}
    />
  );
}

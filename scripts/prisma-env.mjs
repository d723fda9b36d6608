// The environment every Prisma CLI call gets. Prisma 6.19's CLI still looks for
// native engine binaries even when the JS engines are used; pointing these
// variables at a placeholder stops it from trying to download them, which
// fails offline (air-gapped installs, CI).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function prismaEnv(extra = {}) {
  const placeholder = path.join(os.tmpdir(), "firedrill-prisma-no-native-engine");
  if (!fs.existsSync(placeholder)) fs.writeFileSync(placeholder, "");
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

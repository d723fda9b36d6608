import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  { ignores: ["node_modules/**", ".next*/**", "lib/db/generated/**", "e2e/testbed/**", "test-results/**", "playwright-report/**"] },
  ...nextVitals,
  ...nextTs,
  {
    // lib/ is the domain: it must not know React, Next or the UI (STYLE.md).
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "lib/ must not import React" },
            { group: ["next", "next/*"], message: "lib/ must not import Next.js" },
            { group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"], message: "lib/ must not import the UI" },
          ],
        },
      ],
    },
  },
];

export default config;

import { FlatCompat } from "@eslint/eslintrc";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

export default [
  { ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", "e2e/testbed/**", "test-results/**", "playwright-report/**"] },
  ...compat.extends("next/core-web-vitals", "next/typescript"),
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

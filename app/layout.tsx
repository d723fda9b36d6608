import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";
import { TopBar } from "@/components/layout/top-bar";
import { getSessionUser } from "./_server/session";

export const metadata: Metadata = {
  title: { default: "Firedrill", template: "%s · Firedrill" },
  description: "Run chaos-engineering GameDays together.",
};

// Theme is applied before paint so there is no flash on the big screen.
const themeScript = `try{var t=localStorage.getItem("firedrill-theme");if(t)document.documentElement.dataset.theme=t}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <Providers>
          <TopBar user={user ? { name: user.name, role: user.role, teamName: user.teamName } : null} />
          {children}
        </Providers>
      </body>
    </html>
  );
}

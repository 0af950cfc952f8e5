import Link from "next/link";
import type { ReactNode } from "react";

const styles = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700",
  secondary: "border border-line-strong bg-surface text-ink hover:bg-sunken",
};

export function ButtonLink({
  href,
  variant = "primary",
  children,
}: {
  href: string;
  variant?: keyof typeof styles;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      className={`inline-flex items-center justify-center rounded-lg px-5 py-3 text-base font-semibold ${styles[variant]}`}
    >
      {children}
    </Link>
  );
}

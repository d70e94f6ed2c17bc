/**
 * Light links for long lists, pagers and the program tabs: a plain `<a>` marked `data-app-link`,
 * which one listener (`useAppLinkNavigation`, in the root) turns into an in-app navigation when
 * clicked, as Remix's `<Link>` does. `<Link>` resolves its path through the router on every
 * render; a page with fifty rows and a dozen tabs paid about a quarter of its server time for that
 * (docs/decisions/0013-pages-at-scale.md). Before the scripts load, and for a click with a modifier
 * key (new tab, new window, download), the browser follows the link itself.
 */
import { useNavigate } from "@remix-run/react";
import { useEffect, type AnchorHTMLAttributes, type ReactNode } from "react";

export function AppLink({
  to,
  children,
  ...rest
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  /** An absolute path in the app, with its query and fragment if any. */
  to: `/${string}`;
  children: ReactNode;
}) {
  return (
    <a {...rest} data-app-link="" href={to}>
      {children}
    </a>
  );
}

/** The path (with query and fragment) an app link's click should open, or null to let it be. */
export function appLinkTarget(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a") : null;
  if (!anchor?.hasAttribute("data-app-link")) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const href = anchor.getAttribute("href") ?? "";
  return href.startsWith("/") && !href.startsWith("//") ? href : null;
}

/** Listens once, in the root, for clicks on app links. */
export function useAppLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const to = appLinkTarget(event);
      if (to === null) return;
      event.preventDefault();
      navigate(to);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogueScript } from "~/i18n/catalogues.server";
import { isLocale } from "~/i18n/messages";

// The page's messages as a cacheable script (catalogueScript). A page from before a deploy may ask for
// an older hash: it gets today's texts, not kept by the browser.
export function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z]{2})\.([0-9a-f]{12})\.js$/.exec(params.file ?? "");
  if (!match || !isLocale(match[1])) return new Response("Not Found", { status: 404 });
  const script = catalogueScript(match[1]);
  const current = script.url === `/i18n/${params.file}`;
  return new Response(script.body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-store",
    },
  });
}

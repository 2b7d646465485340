import { useEffect, useState } from "react";
import { useLocale, useT } from "~/i18n/use-t";
import { useViewer } from "./use-viewer";

type Unit = "day" | "hour" | "minute";
// Made once per language and unit: a page of open votes renders many, and each ticks every second.
const unitFormats = new Map<string, Intl.NumberFormat>();
function unitFormat(locale: string, unit: Unit): Intl.NumberFormat {
  const key = `${locale} ${unit}`;
  let format = unitFormats.get(key);
  if (!format)
    unitFormats.set(
      key,
      (format = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" })),
    );
  return format;
}

function remaining(ms: number, locale: string): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (value: number, u: Unit) => unitFormat(locale, u).format(value);
  if (days > 0) return `${unit(days, "day")} ${unit(hours, "hour")}`;
  if (hours > 0) return `${unit(hours, "hour")} ${unit(mins, "minute")}`;
  if (minutes > 0) return unit(mins, "minute");
  return `${Math.max(0, Math.ceil(ms / 1000))} s`;
}

/** Time left until a deadline; updates every second once the page is interactive. */
export function Countdown({ deadline, onExpired }: { deadline: string; onExpired?: () => void }) {
  const tr = useT();
  const locale = useLocale();
  const viewer = useViewer();
  // Until the page is interactive, count from the server's render time so hydration matches.
  const [now, setNow] = useState<number>(() => Date.parse(viewer.now));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = new Date(deadline).getTime() - now;
  useEffect(() => {
    if (left <= 0 && onExpired) {
      const timer = setTimeout(onExpired, 2000);
      return () => clearTimeout(timer);
    }
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  // Announced politely but not every second: the live region is the deadline line, not the ticking.
  return (
    <span className="countdown">
      {left > 0 ? tr("votes.countdown", { time: remaining(left, locale) }) : tr("votes.countdownPast")}
    </span>
  );
}

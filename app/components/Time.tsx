import { formatRelative, formatTime, type TimeStyle } from "~/modules/time/format-time";
import { useViewer } from "./use-viewer";

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * A time shown to a person, in their zone. `relative` shows "3 hours ago" / "in 5 hours" with the
 * exact time on hover and keyboard focus (a tooltip) and in the accessible name.
 */
export function Time({
  value,
  style = "dateTime",
  relative = false,
}: {
  value: Date | string;
  style?: TimeStyle;
  relative?: boolean;
}) {
  const viewer = useViewer();
  const exact = formatTime(value, viewer, style);
  if (!relative) return <time dateTime={iso(value)}>{exact}</time>;
  const shown = formatRelative(value, new Date(viewer.now), viewer.locale);
  return (
    // Focusable so keyboard users can open the tooltip with the exact time, as a mouse hover does.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <time dateTime={iso(value)} title={exact} data-exact={exact} tabIndex={0} className="relative-time">
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">
        {shown} ({exact})
      </span>
    </time>
  );
}

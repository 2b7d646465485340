/** A delegation's code on its colour; the code itself carries the meaning, colour only helps. */
export function DelegationBadge({ code, colour, label }: { code: string; colour: string; label: string }) {
  return (
    <span className="badge" style={{ backgroundColor: colour }} title={label}>
      <span aria-hidden="true">{code}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

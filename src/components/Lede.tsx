/**
 * A panel's opening explanation. Folded to its first sentence when the panel
 * is focused on one group beside a strip of thumbnails, so the focused
 * pictures fit the screen; the rest opens with a click.
 */
export function Lede({ first, rest, folded }: { first: string; rest: string; folded: boolean }) {
  return folded ? (
    <details className="panel-lede">
      <summary>{first}</summary>
      {rest}
    </details>
  ) : (
    <p className="panel-lede">
      {first} {rest}
    </p>
  );
}

/** "point" for 1, "points" otherwise (0 points, 3 points): the one way points are written. */
export function pointsWord(points: number): string {
  return points === 1 ? 'point' : 'points';
}

/** "1 point", "0 points", "3 points". */
export function pointsText(points: number): string {
  return `${points} ${pointsWord(points)}`;
}

/** A duration as hours and minutes, "3:05" (seconds rounded to the minute); the same text on screen, in CSV and in PDF. */
export const hoursMinutes = (seconds: number) => {
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
};

// The course sections that have a challenge (web/lessons/challenges.ts, loaded with the challenges tab): what a lesson
// links from.
export const CHALLENGE_SECTIONS: readonly string[] = ['1a', '1b', '1c', '2a', '2b', '2c', '3'];

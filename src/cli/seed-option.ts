// The --seed option's reader, shared by every command that takes a seed.
import { InvalidArgumentError } from 'commander';

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError('--seed must be an integer (0 or more), such as 7.');
  }
  return Number(text);
}

// Strings numbered in the order first met: the compact trace's string table and the engine's event log keep one.

export class StringTable {
  /** Every string, at its number. */
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The string's number, given it the first time it is met. */
  index(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}

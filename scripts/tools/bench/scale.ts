export async function runScale(_o: { scales: number[]; sample: number; runs: number; changes: number }): Promise<void> { throw new Error("todo"); }

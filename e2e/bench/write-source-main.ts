// The child process of write-source.ts: writes one generated JSON source file and prints its counts as JSON.
import { writeJson } from '../env/generate/hr-files.ts';

const { path, options } = JSON.parse(process.argv[2]) as { path: string; options: Parameters<typeof writeJson>[1] };
process.stdout.write(JSON.stringify(await writeJson(path, options)));

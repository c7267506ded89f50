/**
 * Reading and writing files safely, for the CLI and the library's file loader. Every input
 * file (scenario, ledger, part document, report) is read through {@link readTextFile}, which refuses what is not a regular
 * file without blocking on it, enforces the size limit on the bytes actually read, and turns
 * every failure into a one-line user error (exit 2). Report files are written through
 * {@link writeFilesAtomically}, so a failure or a signal never leaves a half-written set.
 */
import { randomBytes } from 'node:crypto';
import { constants, lstatSync, renameSync, unlinkSync, type Stats } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ScenarioError } from '../issues';

/** What kind of failure {@link FileReadError} reports (also its issue code). */
export type FileReadErrorCode = 'file-not-found' | 'file-is-directory' | 'file-not-regular' | 'file-too-large' | 'file-unreadable';

/**
 * A file that cannot be used as input: missing, a directory, not a regular file (a FIFO, a
 * device, a socket), too large, or unreadable (permissions, I/O error). A {@link ScenarioError}
 * with one issue `{ code, path: file, message: reason }`, so the CLI prints `FILE: reason` and
 * exits 2 wherever it is thrown.
 */
export class FileReadError extends ScenarioError {
  constructor(
    readonly file: string,
    readonly code: FileReadErrorCode,
    /** The problem without the file name, e.g. `is a directory; expected a scenario JSON file`. */
    readonly reason: string,
  ) {
    super([{ code, path: file, message: reason }]);
    this.name = 'FileReadError';
  }
}

/** Describes the file {@link readTextFile} expects, for its messages. */
export interface ReadTextFileOptions {
  /** Largest file accepted, in bytes; reading stops after `maxBytes + 1` bytes. */
  readonly maxBytes: number;
  /** What the file should be, after "expected": `a scenario JSON file`. */
  readonly expected: string;
  /** The kind of file in the plural, for the size message: `scenario files`. */
  readonly kinds: string;
}

const READ_CHUNK = 1024 * 1024;

/**
 * Reads a UTF-8 text file (a leading byte-order mark removed) that must be a regular file of
 * at most `maxBytes` bytes. The file is opened non-blocking and checked on the open handle, so
 * a named pipe, `/dev/zero` or `/dev/urandom` is refused at once (never read, never waited
 * on), and at most `maxBytes + 1` bytes are ever read, whatever `stat` said (files in `/proc`
 * report size 0).
 *
 * @throws {FileReadError} (exit 2 in the CLI) for a missing file (`file-not-found`, also when a
 * parent is not a directory), a directory, anything else that is not a regular file, a file
 * over the limit, or one that cannot be opened or read (`file-unreadable`, naming the reason:
 * permission denied, an I/O error...).
 */
export async function readTextFile(file: string, options: ReadTextFileOptions): Promise<string> {
  const { maxBytes, expected, kinds } = options;
  const fail = (code: FileReadErrorCode, reason: string): never => {
    throw new FileReadError(file, code, reason);
  };
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return fail(...openFailure(e as NodeJS.ErrnoException, expected));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) fail('file-is-directory', `is a directory; expected ${expected}`);
    if (!info.isFile()) fail('file-not-regular', `is ${fileType(info)}, not a regular file; expected ${expected}`);
    if (info.size > maxBytes) fail('file-too-large', `is ${info.size} bytes; ${kinds} are limited to ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) fail('file-too-large', `is more than ${maxBytes} bytes; ${kinds} are limited to ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, total).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    return fail('file-unreadable', `cannot read: ${errnoText(e as NodeJS.ErrnoException)}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The code and reason for a failed `open`. */
function openFailure(e: NodeJS.ErrnoException, expected: string): [FileReadErrorCode, string] {
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return ['file-not-found', 'no such file'];
    case 'EISDIR':
      return ['file-is-directory', `is a directory; expected ${expected}`];
    default:
      return ['file-unreadable', `cannot read: ${errnoText(e)}`];
  }
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EAGAIN: 'no data available without waiting',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENXIO: 'no such device or address',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EEXIST: 'file exists',
  EFBIG: 'file too large for the file system or the process limit',
  EISDIR: 'is a directory',
};

/** `permission denied (EACCES)`, or the code alone, or the message when there is no code. */
export function errnoText(e: NodeJS.ErrnoException): string {
  if (!e?.code) return String((e as Error | undefined)?.message ?? e);
  return Object.hasOwn(ERRNO_TEXT, e.code) ? `${ERRNO_TEXT[e.code]} (${e.code})` : e.code;
}

function fileType(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A file to write: where, and its whole content. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

/** A write that failed: which target file, and the underlying error. */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    readonly error: NodeJS.ErrnoException,
  ) {
    super(`cannot write ${file}: ${errnoText(error)}`);
    this.name = 'FileWriteError';
  }
}

/**
 * Writes a set of files so that they are replaced together or not at all: each is written in
 * full (and flushed to disk) to a temporary file beside its target, and only when every one is
 * complete are they renamed into place, one after another without yielding to the event loop
 * (so a signal handler cannot run in between). On any failure (a full disk, a permission, a
 * target that is a directory, checked before the first rename) the temporary files are removed
 * and every previous file is left as it was. `beforeRename` runs once all are written; returning false abandons the set (the
 * temporary files are removed, nothing is replaced), e.g. after Ctrl-C.
 *
 * @returns true when the files were replaced, false when `beforeRename` abandoned them.
 * @throws {FileWriteError} naming the target whose write (or rename) failed.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[], beforeRename: () => boolean = () => true): Promise<boolean> {
  const temps: Array<{ temp: string; path: string }> = [];
  const cleanUp = () => {
    for (const { temp } of temps) {
      try {
        unlinkSync(temp);
      } catch {
        // already renamed or never created
      }
    }
  };
  try {
    for (const { path, content } of files) {
      const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      let handle: FileHandle | undefined;
      try {
        handle = await open(temp, 'wx', 0o666);
        temps.push({ temp, path });
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } catch (e) {
        throw new FileWriteError(path, e as NodeJS.ErrnoException);
      } finally {
        await handle?.close().catch(() => undefined);
      }
    }
    if (!beforeRename()) {
      cleanUp();
      return false;
    }
    // A rename cannot replace a directory: find that out before replacing anything.
    for (const { path } of temps) {
      if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new FileWriteError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    }
    for (const { temp, path } of temps) {
      try {
        renameSync(temp, path);
      } catch (e) {
        throw new FileWriteError(path, e as NodeJS.ErrnoException);
      }
    }
    return true;
  } catch (e) {
    cleanUp();
    throw e;
  }
}

/**
 * Makes a directory and its missing parents. Not `mkdir(dir, { recursive: true })`: on Linux,
 * Node 20's spins forever when a parent exists but refuses children (`--out /proc/x` hung
 * `report` at full CPU, deaf to Ctrl-C). Here such a path fails with its ENOENT at once.
 */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
    await makeDirectory(parent);
    await mkdir(dir).catch(async (again: NodeJS.ErrnoException) => {
      if (!(again.code === 'EEXIST' && (await stat(dir)).isDirectory())) throw again;
    });
  }
}

/**
 * S3 by s3rver, in this process. s3rver keeps objects in files only: a temporary folder (in RAM
 * when /dev/shm exists; removed at stop) by default, `<data-dir>/s3` with `--data-dir`. Every bucket of the model is created at
 * start. Clients use path-style addressing against 127.0.0.1 and sign with either the fixed
 * S3RVER/S3RVER keys or a function's own key id, which is registered here.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import type { BucketModel } from '../model';
import { closeServer, LOCAL_HOST } from './listen';

export interface S3Emulator {
  url: string;
  /** s3rver's request listener, for a server in front of it that dispatches in process (src/iam). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Where s3rver keeps the objects. */
  directory: string;
  close(): Promise<void>;
}

export async function startS3(options: {
  port: number;
  dataDir?: string;
  buckets: BucketModel[];
  /** Access key id → secret of every caller besides S3RVER (the functions). */
  accessKeys?: Record<string, string>;
}): Promise<S3Emulator> {
  const temporary = !options.dataDir;
  // Objects are files for s3rver: in RAM (/dev/shm) when the machine has it, else the temp folder.
  const directory = options.dataDir ?? (await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'local-cloud-s3-')));
  await mkdir(directory, { recursive: true });
  for (const [keyId, secret] of Object.entries(options.accessKeys ?? {})) AWSAccount.DUMMY_ACCOUNT.createKeyPair(keyId, secret);
  const server = new S3rver({
    address: LOCAL_HOST,
    port: options.port,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((b) => ({ name: b.bucketName })),
  });
  let address: { port: number };
  try {
    address = await server.run();
  } catch (error) {
    if (temporary) await rm(directory, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'EADDRINUSE' ? new Error(`Port ${options.port} for the S3 emulator is already in use (use --port-base to move)`, { cause: error }) : error;
  }
  return {
    url: `http://${LOCAL_HOST}:${address.port}`,
    handler: server.httpServer?.listeners('request')[0] as S3Emulator['handler'],
    directory,
    close: async () => {
      if (server.httpServer) await closeServer(server.httpServer);
      for (const keyId of Object.keys(options.accessKeys ?? {})) AWSAccount.DUMMY_ACCOUNT.revokeAccessKey(keyId);
      if (temporary) await rm(directory, { recursive: true, force: true });
    },
  };
}

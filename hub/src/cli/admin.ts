import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { HubError } from '../inbox/errors';
import { createFirstSuperUser, setPasswordAsOperator } from '../people/operator';
import { openDb } from '../storage/db';
import { migrate } from '../storage/migrate';
import { readPassword } from './read-password';

/**
 * `npm run admin -- COMMAND`: what the hub's operator does with access to its database (the same
 * PARLEY_DATA_DIR or DATABASE_URL as the hub). The embedded database allows one process at a
 * time, so with it, run these while the hub is stopped. Passwords come from standard input.
 */
const USAGE = `usage: npm run admin -- COMMAND

  create-super-user EMAIL [--name NAME]
      The first super user of a hub that has none (nothing else creates a first account).
      The password (at least 12 characters, not a common one) is read from standard input.
  set-password EMAIL
      Recovery: a new password for an enabled account, read from standard input; its sessions end.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, email, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['create-super-user', 'set-password'].includes(command) || !email || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const password = await readPassword('Password (at least 12 characters): ');
    if (command === 'create-super-user') {
      const name = values.name ?? email.split('@')[0];
      await createFirstSuperUser(db, { email, name, password });
      console.log(
        `admin: super user ${email.trim().toLowerCase()} created; sign in from the extension with this hub's address`,
      );
    } else {
      await setPasswordAsOperator(db, email, password);
      console.log(`admin: password of ${email.trim().toLowerCase()} set; its sessions ended`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Refusals say what to do; anything else is a fault worth its stack. No message holds the password.
    console.error(
      `admin: ${err instanceof HubError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountService</name>
    <message>
        <source>The accounts database failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team, user name or password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no team &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A team named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a role; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name must not be empty or contain &apos;:&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team already has a user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team has no user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team has no device %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device id is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled; ask an administrator of your team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authenticator code is wrong or was already used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device was revoked by an administrator. Sign in from a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device belongs to another user; sign in from your own profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unnamed device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again: the access token is missing, wrong or expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the authenticator set-up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code does not match; check the time on your phone and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 is missing: the log jumps from entry %2 to entry %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 appears out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 does not follow the entry before it: an entry was removed, inserted or reordered at this point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 (%2 of %3 %4) was modified after it was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit check was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ByteLineReader</name>
    <message>
        <source>The file is not open for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>no command given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a subcommand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1 %2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a passphrase is never taken from the command line; use --passphrase-stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option --%1 takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option --%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outpost-cli: %1 (see outpost-cli --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outpost-cli: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--profile DIR is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; is protected by a passphrase; give it on standard input with --passphrase-stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no passphrase on standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kdf-iterations must be a number of at least 256000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created profile &quot;%1&quot; in %2 (key in %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a passphrase-wrapped key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:        %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:          %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:         %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was re-encrypted with a new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the current and the new passphrase on two lines of standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--contacts must be a number from 0 to 10000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seed must be a non-negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 demo contacts in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give at least one field, e.g. --first-name and --last-name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contacts search takes exactly one search text (quote it if it has spaces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be a number from 1 to 1000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--offset must be zero or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID	NAME	E-MAIL	PHONE	COMPANY	CITY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLCipher %1, schema %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database integrity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database integrity: ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log: %1 (%2 entries before it are intact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log: ok (%1 entries, hash chain intact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option --map needs a value (COLUMN=FIELD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import takes exactly one file (or &quot;import list&quot;, &quot;import undo BATCH_ID&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be csv or vcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--match must be email, phone, email,phone or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--on-match must be update or skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown encoding &quot;%1&quot; (try UTF-8, UTF-16LE, windows-1252, ISO-8859-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--delimiter must be one character (or &quot;tab&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1 (CSV, %2, delimiter %3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1 (vCard).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more rejected lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created, %2 updated, %3 skipped, %4 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected lines with their reasons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import batch %1 (undo with: outpost-cli import undo %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds no contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing could be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import undo takes exactly one BATCH_ID (see &quot;import list&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1 contacts removed, %2 restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID	STARTED	FILE	FORMAT	CREATED	UPDATED	SKIPPED	REJECTED	STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export takes exactly one output FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 contacts to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: outpost-cli &lt;command&gt; [options]

Commands:
  profile create --profile DIR [--name NAME] [--passphrase-stdin]
                      make a new encrypted profile; the key goes to the OS keychain,
                      or is wrapped by a passphrase read from standard input
  profile info --profile DIR          show what a profile is (no key needed)
  profile rekey --profile DIR [--passphrase-stdin]
                      re-encrypt the database with a new random key
  profile passwd --profile DIR        change the passphrase (old and new on two stdin lines)
  demo --profile DIR [--contacts N] [--seed S] [--passphrase-stdin]
                      add N generated demo contacts (default 1000)
  contacts add --profile DIR [--first-name X] [--last-name X] [--email X] [--phone X]
               [--company X] [--street X] [--postal-code X] [--city X] [--country CC]
               [--notes X] [--passphrase-stdin]
  contacts list --profile DIR [--limit N] [--offset N] [--json] [--passphrase-stdin]
  contacts search --profile DIR TEXT [--limit N] [--json] [--passphrase-stdin]
  verify --profile DIR [--passphrase-stdin]
                      check the database&apos;s integrity and the audit log&apos;s hash chain
  import --profile DIR FILE [--format csv|vcard] [--map COLUMN=FIELD ...]
         [--match email|phone|email,phone|none] [--on-match update|skip] [--errors FILE]
         [--encoding NAME] [--delimiter C] [--passphrase-stdin]
                      import contacts as one undoable batch; rejected lines are listed
                      (and written with their reason to --errors FILE)
  import list --profile DIR [--json]   the imports made on this device
  import undo --profile DIR BATCH_ID   undo an import (refused if its contacts changed since)
  export --profile DIR FILE [--format csv|vcard] [--query TEXT] [--no-bom]
                      write all contacts (or the search&apos;s matches) to a file
  duplicates scan --profile DIR [--min-score N] [--limit N] [--json]
                      list likely duplicate contacts, best first, with the reasons
                      (score 1-100, default 50; --limit default 100, 0 = all)
  duplicates merge --profile DIR KEEP_ID REMOVE_ID
                      merge REMOVE_ID into KEEP_ID: empty fields of KEEP_ID are filled from
                      REMOVE_ID, notes are kept from both, shares and distributor links move
  duplicates merge-all --profile DIR [--min-score N]
                      scan, then merge every pair scoring N or more (default 85) in one step
  duplicates undo --profile DIR [BATCH_ID]
                      undo a merge (default: the last one); refused if the contacts changed since
  duplicates history --profile DIR [--json]   the merges made on this device
  --version, --help

A passphrase is read only from standard input (--passphrase-stdin) or the keychain, never
from the command line.
Exit codes: 0 ok, 1 failed, 2 usage error, 3 profile not found, 4 wrong key or keychain
problem, 5 verification found damage or tampering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;duplicates&quot; needs a subcommand: scan, merge, merge-all, undo or history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;duplicates %1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--min-score must be a number from 1 to 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be zero (all) or a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCORE	ID	NAME	DUPLICATE ID	DUPLICATE NAME	REASONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 possible duplicates among %2 contacts (score %3 or more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the best %1 are listed; raise --min-score or --limit to see others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicates merge takes two contact ids: KEEP_ID REMOVE_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a contact id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a contact cannot be merged with itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no contact %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged &quot;%1&quot; into &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge %1 (undo with: outpost-cli duplicates undo %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not merged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 merged, %2 skipped, %3 refused (of %4 pairs scoring %5 or more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicates undo takes at most one BATCH_ID (see &quot;duplicates history&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no merge to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1 merged contacts are back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID	MERGED	KIND	MERGES	FIRST	STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; into &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source>A column mapping looks like COLUMN=FIELD, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts have no field &quot;%1&quot;; the fields are: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no column &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommissionEngine</name>
    <message>
        <source>The period is too large for one commission run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor %1 (rid %2) has an invalid sponsor index %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor %1 (rid %2) has an invalid placement index %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor %1 (rid %2) has a rank the plan does not define</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is attributed to an unknown distributor index %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 refers to order lines that do not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is dated outside the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 has a line with a negative or too large CV or PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 has a CV too large to calculate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return %1 is attributed to an unknown distributor index %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return %1 of order %2 returns more than the order&apos;s CV, or a negative amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return %1 refers to paid lines that do not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return %1: a paid line of order %2 is not a per-order payout line of that order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sponsor tree has a cycle: a distributor is their own upline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placement tree has a cycle: a distributor is their own upline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period produces too many payout lines for one run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommissionPlan</name>
    <message>
        <source>%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names the unknown rank &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is below %2.minRank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be between 0 and 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission plan is not valid JSON: %1 at offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission plan must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency must be a three-letter ISO 4217 code such as EUR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ranks may hold at most %1 ranks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.id must be 1 to 40 lower-case letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.id &quot;%2&quot; is used by an earlier rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.legs.rank must name a lower rank than %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unilevel.tree must be &quot;placement&quot; or &quot;sponsor&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unilevel.levels must hold between 1 and %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matching.generations must hold between 1 and %1 generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pays %2, which is below matching.generationRank (%3); set %1.minRank to %3 or higher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maxPayoutBp: the plan can pay up to %1 of an order&apos;s CV (unilevel, fast start and matching at their highest rates), more than the guaranteed maximum of %2; lower the percentages or raise maxPayoutBp</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictMutators</name>
    <message>
        <source>The conflict id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;action&quot; must be &quot;restore&quot; or &quot;dismiss&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the conflict: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conflict no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not mark the conflict resolved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no earlier value of &quot;%1&quot; to restore; keep the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values of this kind of record (%1) cannot be restored automatically; keep the current value and change the record by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictRowCodec</name>
    <message>
        <source>Could not sync a conflict record: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Contact</name>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactBulkLoader</name>
    <message>
        <source>Could not count contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the bulk load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bulk load was not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not insert contact %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not rebuild the contact indexes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the schema: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactExporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactFieldLabels</name>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner (user id)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no name, company or e-mail address, so there is nothing to call the contact by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the import: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not look for matching contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read a matching contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the error file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it matches several existing contacts (same e-mail address or phone number); merge them first or import without matching.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the columns (%1) could be matched to a contact field; say which column holds what (e.g. --map &quot;Mail=email&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactMergeValidation</name>
    <message>
        <source>Could not merge the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change &quot;%1&quot; is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing or is not a contact id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object of contact fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact to keep no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;removed.createdAt&quot; must be a time in milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;shares&quot; and &quot;distributorIds&quot; must be lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each share needs an id, a userId, createdAt and moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;distributorIds&quot; must hold distributor ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merged contact no longer exists; the merge cannot be taken back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactMerger</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the contact&apos;s shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the linked distributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merged contact disappeared while merging.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no contact %1; it may have been merged or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge was cancelled; nothing was merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactRepository</name>
    <message>
        <source>Could not read the contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not find the contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not search contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count matches: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactRowCodec</name>
    <message>
        <source>Could not sync a contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactShareRowCodec</name>
    <message>
        <source>Could not sync a contact share: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact share from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactShareValidation</name>
    <message>
        <source>Could not save the share: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;id&quot; must be a UUID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This share id is already used for another share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactValidation</name>
    <message>
        <source>&quot;%1&quot; must be an object of contact fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact needs at least a name, a company or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid phone number (digits, spaces, + ( ) - / . and an extension are allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The country must be a two-letter ISO code such as DE or FR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes are too long (at most 20,000 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The CSV file is not open for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some characters in the file are not valid %1 and were replaced by &quot;�&quot;. Choose the file&apos;s encoding in the import settings and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a quoted field is not closed (it starts with &quot;%2&quot;). The line was skipped; add the missing closing quote or remove the stray one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a field contains a quote character that is not at its start (&quot;%2&quot;). Put the whole field in quotes and double the quote character inside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the record has %2 fields, but the header has %3. Check the delimiter and the quotes on this line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the record has %2 fields, but the first record has %3. Check the delimiter and the quotes on this line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the record is longer than %2 characters and was skipped. Check that the file is a CSV file and that its quotes are balanced.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>The export file is not open for writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export file could not be written: %1. Check that the disk has space and the folder can be written to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>There is no database at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database already exists at %1; it was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database key must be 32 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not switch the database to write-ahead logging: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SQLite library in use has no encryption support (SQLCipher is missing). Outpost will not store data unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the database key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not configure encryption: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an unencrypted SQLite file, not an encrypted Outpost profile. It was left untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be decrypted: the key is wrong, or the file is not an Outpost database or is damaged. The file was left untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged (%1). The file was left untouched; restore it from a backup or sync it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not configure the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the schema: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an Outpost database (it has no schema history). It was left untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the schema history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrading the database to schema %1 (%2) failed: %3. The database was left at schema %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database is not encrypted; it cannot be re-keyed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the database for a new key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypting the database failed: %1. It is still readable with the old key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The integrity check could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The integrity check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is damaged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile was saved by a newer version of Outpost (it has schema step %1, which this version does not know). Install the newer Outpost to open it. The file has not been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists; a backup never overwrites a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not move the finished copy into place</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeferredContactIndex</name>
    <message>
        <source>Could not prepare the contact index for a large change (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the contact search index: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restore the contact search index: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoDataLoader</name>
    <message>
        <source>The number of demo contacts must be zero or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating demo data was cancelled; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicateContacts</name>
    <message>
        <source>Could not read the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicateScanner</name>
    <message>
        <source>The minimum score must be between 0 and 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit must be zero (no limit) or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duplicate scan was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are too many contacts to scan at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicateScoring</name>
    <message>
        <source>Same e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same name, first and last name swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar names, swapped (%1% alike)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar names (%1% alike)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar company names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same street address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different e-mail addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different companies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileUtil</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not replace %1 with %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenealogyBulkLoader</name>
    <message>
        <source>Could not prepare the bulk load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the genealogy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor %1 of the load comes before its parent; parents must be listed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the genealogy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not insert distributor %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not rebuild the genealogy indexes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenealogyRepository</name>
    <message>
        <source>Could not read the distributor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the genealogy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count distributors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count children: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the upline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the downline: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenealogyValidation</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distributor id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This distributor no longer exists; it may have been removed on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object of distributor fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be set here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked contact does not exist; it may have been deleted. Choose another contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 id is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 does not exist; it may have been removed on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A distributor needs a name or a linked contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placement parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A distributor&apos;s name cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;tree&quot; must be &quot;sponsor&quot; or &quot;placement&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move needs an effective date (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the move; it is kept in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is too long (at most 2,000 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;newParentId&quot; is missing (null moves to the root).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new placement parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be moved under themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be moved under someone in their own %2 downline: that would make a loop in the tree. Move that person out first, or choose a parent outside the downline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The join date must be a date (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact id is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a distributor status (active, inactive or terminated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a KYC status (not_started, pending, approved, rejected or expired).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rank name is at most 60 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributors have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportFilePreview</name>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty: there is nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact card (BEGIN:VCARD … END:VCARD) was found in %1. If it is a CSV file, choose CSV as the format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first line of %1 is empty; it should name the columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain ASCII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-16 LE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-16 BE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-32 LE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-32 BE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO-8859-1 (Latin-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows-1252</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the import history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no import %1; &quot;import list&quot; shows them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import of %1 was already undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The undo was cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The import of %1 cannot be undone: %n contact(s) changed since (edited, deleted, merged or changed by a later import): %2.</source>
        <translation>
            <numerusform>The import of %1 cannot be undone: %n contact changed since (edited, deleted, merged or changed by a later import): %2.</numerusform>
            <numerusform>The import of %1 cannot be undone: %n contacts changed since (edited, deleted, merged or changed by a later import): %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo later imports first, or revert those changes. Nothing was undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove contact %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restore contact %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportValues</name>
    <message>
        <source>Country: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginThrottle::Decision</name>
    <message numerus="yes">
        <source>in %n second(s)</source>
        <translation>
            <numerusform>in %n second</numerusform>
            <numerusform>in %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n minute</numerusform>
            <numerusform>in %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many failed sign-in attempts for this account. Try again %1, or ask an administrator to check the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-in attempts from your network address. Try again %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MergeHistory</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the merge history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was deleted since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was edited since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” exists again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sharing of “%1” changed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a distributor linked to “%1” was re-linked or removed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check the merged contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge of “%1” into “%2” cannot be undone: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>These %n merge(s) cannot be undone: %1.</source>
        <translation>
            <numerusform>This merge cannot be undone: %1.</numerusform>
            <numerusform>These %n merges cannot be undone: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo later merges first, or revert those changes. Nothing was undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no merge %1; &quot;duplicates history&quot; lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This merge was already undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The undo was cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check the merged contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not take back the merge of “%1” into “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Meta</name>
    <message>
        <source>Could not read profile settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save profile settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MutationBatch</name>
    <message>
        <source>The batch of changes was already committed or rolled back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole batch of changes was rolled back: a change failed after writing part of itself (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Could not queue the change for sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the outbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the outbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseKeyWrap</name>
    <message>
        <source>The encryption library failed (%1). Outpost cannot protect or unlock the database key on this computer; report this problem to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protected key file asks for %1 key-derivation rounds, which is outside the range Outpost accepts (%2 to %3); the file is damaged or has been tampered with. Restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database key has %1 bytes instead of %2; it cannot be protected with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is empty. Enter a passphrase to protect the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 key-derivation rounds is outside the allowed range (%2 to %3). Choose a count in that range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a field has the wrong length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is wrong. Check it (and the keyboard layout and Caps Lock) and try again. If it is right, the protected key file belongs to another profile or has been altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is too short. Use at least %1 characters — a few unrelated words are easy to remember and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase repeats a single character. Choose a passphrase that is hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase uses only one kind of character. Make it at least %1 characters long, or mix in capital letters, digits or symbols.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordHasher</name>
    <message>
        <source>The password is empty. Enter a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is longer than %1 bytes. Choose a shorter password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not get random bytes to hash the password (%1). Check the server&apos;s OpenSSL installation and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not hash the password (scrypt failed). Check the server&apos;s OpenSSL installation and memory limits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileInfo</name>
    <message>
        <source>There is no Outpost profile in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile description %1 is damaged (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile was made by a newer version of Outpost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile description names an unknown key protection &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile description %1 is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualificationTrace</name>
    <message>
        <source>Personal volume (PV): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Group volume (GV): %1 = own PV %2 + %n leg(s) totalling %3</source>
        <translation>
            <numerusform>Group volume (GV): %1 = own PV %2 + %n leg totalling %3</numerusform>
            <numerusform>Group volume (GV): %1 = own PV %2 + %n legs totalling %3</numerusform>
        </translation>
    </message>
    <message>
        <source>  Leg of distributor %1: volume %2, highest rank in the leg: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status is %1: no rank is paid until the distributor is active again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV %1 of %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(met)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qualifying GV %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, each leg counted up to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (met)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (missing %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 legs with %3 or higher %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more qualifying GV</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more leg(s) with %1 or higher</source>
        <translation>
            <numerusform>%n more leg with %1 or higher</numerusform>
            <numerusform>%n more legs with %1 or higher</numerusform>
        </translation>
    </message>
    <message>
        <source>Next rank %1 needs: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Replica</name>
    <message>
        <source>Could not record a refused change: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplicaReset</name>
    <message>
        <source>Could not remove the team&apos;s data: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfSignedCertificate</name>
    <message>
        <source>Could not make the certificate: OpenSSL failed to %1 (%2). Check the server&apos;s OpenSSL installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a file in %1: %2. Check that the folder exists and is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2. Check the free disk space and the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file name was given for the certificate or the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate and the key must go to two different files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validity must be between 1 and %1 days; %2 was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid DNS name. Use a host name such as “localhost” or “sync.example.org”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid IP address. Use an address such as 섧.0.0.1” or “::1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate needs at least one DNS name or IP address that clients will use to reach the server, such as “localhost” or 섧.0.0.1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The common name is longer than %1 characters. Choose a shorter name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists. Choose another file name, or allow replacing the existing certificate and key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is not a PEM certificate (%1). Give the server&apos;s certificate file, the one that starts with “-----BEGIN CERTIFICATE-----”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the certificate %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be a certificate. Check the file name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerApp</name>
    <message>
        <source>The parameter &quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: port (0–65535), workers (1–256), maxBodyBytes and readTimeoutMs must be numbers in range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the config file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config file %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data folder: pass --data DIR or set &quot;data&quot; in the config file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncAccount</name>
    <message>
        <source>The keychain could not keep the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not forget the sync account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not forget the sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <source>Could not read the sync problems: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not discard the refused change: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>Could not write the change log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not know the change &quot;%1@%2&quot;; update the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role (%1) may not make this change (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record an applied change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the change log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change log names an unknown entity &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot change this record: it is not yours and it is not shared with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stored push result is unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Totp</name>
    <message>
        <source>The issuer name for the authenticator app is empty or contains &apos;:&apos;. Set a name without a colon, such as the team&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account name for the authenticator app is empty or contains &apos;:&apos;. Use the account&apos;s e-mail address or user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two-factor secret is too short (%1 bytes, at least %2 are needed). Set up two-factor authentication again to get a new secret.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <source>The database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a nested transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transaction is active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the change: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VCardReader</name>
    <message>
        <source>Line %1: the vCard that starts here has no END:VCARD line, so it may be incomplete. Check whether the file was cut off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: text outside of any vCard was skipped (&quot;%2&quot;). Check that the file is a vCard file and that no BEGIN:VCARD line is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the line is longer than %2 MB and was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a line of the vCard that starts on line %2 is not a property (&quot;%3&quot;) and was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VCardWriter</name>
    <message>
        <source>The export file is not open for writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export file could not be written: %1. Check that the disk has space and the folder can be written to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WrappedKey</name>
    <message>
        <source>The protected key file is damaged: %1. Restore it from a backup; without it the database cannot be unlocked with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field “%1” is missing or not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field “%1” is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field “%1” holds %2 bytes instead of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at offset %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an Outpost protected key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the format version is missing or invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protected key file was written by a newer version of Outpost (format %1; this version reads format %2). Update Outpost to unlock this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key-derivation function “%1” is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cipher “%1” is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the iteration count is missing or not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::AboutDialog</name>
    <message>
        <source>About Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back-office for direct-selling organisations: contacts, support, genealogy, commissions and reports — offline, on an encrypted database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not loaded (profile locked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted with SQLCipher (256-bit random key, kept in the keychain: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted with SQLCipher (256-bit random key, wrapped with your passphrase using PBKDF2-HMAC-SHA512 and AES-256-GCM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLCipher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::AppController</name>
    <message>
        <source>Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost found profiles that it cannot open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folders were left as they are. If a newer version of Outpost made them, open them with that version; if a profile description is damaged, restore it from a backup. You can also make a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CancellableKeyStore</name>
    <message>
        <source>No keychain is available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ChangePassphraseDialog</name>
    <message>
        <source>Change Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase of “%1” protects the key of its database. After the change, only the new passphrase opens it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passphrase is the same as the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current passphrase is not correct. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ContactDetailPanel</name>
    <message>
        <source>Select a contact to see the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ContactEditDialog</name>
    <message>
        <source>New Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;untry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+49 30 1234567</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least a name, a company or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard Changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes to this contact have not been saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact was deleted meanwhile, perhaps on another device. Save again to keep what you typed as a new contact.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ContactListModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>The city column of the contacts list: a city and its ISO country code, e.g. &quot;Lyon (FR)&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ContactPreviewModel</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ContactsPage</name>
    <message>
        <source>&amp;New Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a contact to this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find contacts as you type (Ctrl+F). Esc clears the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some contacts could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message>
        <source>No contacts yet.
Click New Contact or press Ctrl+N to add the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact and its details are removed from this profile. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact was not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, e-mail, company, city or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts match “%1”.
Check the spelling, or search for part of a name, an e-mail address, a company, a city or a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CountryComboBox</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a country or its two-letter code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CsvPreviewModel</name>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DuplicatePairModel</name>
    <message>
        <source>(not available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1 of 100: confident — merged by “Merge All Confident”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1 of 100: review before merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DuplicatesPage</name>
    <message>
        <source>Find Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo Last Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review and Merge Duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Last Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look through every contact for people entered more than once (same e-mail, phone or address, similar names). Runs in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List pairs scoring at least this much (100 = certainly the same person).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum &amp;score:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the selected pair side by side and choose what to keep (Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge every pair scoring %1 or more, keeping for each the more complete contact and filling its empty fields from the other. One undoable step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back the last merge: both contacts and their links return as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some contacts could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln possible duplicate(s)</source>
        <translation>
            <numerusform>%Ln possible duplicate</numerusform>
            <numerusform>%Ln possible duplicates</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the best %L1 pairs are listed; raise the minimum score to see fewer at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contacts could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of these contacts no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged “%1” into “%2”. Undo Last Merge takes it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge All Confident Pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merge %Ln pair(s) scoring %1 or more?</source>
        <translation>
            <numerusform>Merge %Ln pair scoring %1 or more?</numerusform>
            <numerusform>Merge %Ln pairs scoring %1 or more?</numerusform>
        </translation>
    </message>
    <message>
        <source>For each pair the more complete contact is kept, its empty fields are filled from the other and both notes are kept; shares and distributor links move to it. A contact already merged away in this run is not merged again. Undo Last Merge takes the whole run back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge was cancelled; nothing was merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was merged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merged %Ln pair(s).</source>
        <translation>
            <numerusform>Merged %Ln pair.</numerusform>
            <numerusform>Merged %Ln pairs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) skipped: a contact of theirs was merged into another one already; look again for what is left.</source>
        <translation>
            <numerusform>%Ln pair skipped: one of its contacts was merged into another one already; look again for what is left.</numerusform>
            <numerusform>%Ln pairs skipped: a contact of theirs was merged into another one already; look again for what is left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) could not be merged: %1</source>
        <translation>
            <numerusform>%Ln pair could not be merged: %1</numerusform>
            <numerusform>%Ln pairs could not be merged: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The merge history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no merge to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the merge of “%1” into “%2”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Undo the merge of %Ln pair(s)?</source>
        <translation>
            <numerusform>Undo the merge of %Ln pair?</numerusform>
            <numerusform>Undo the merge of %Ln pairs?</numerusform>
        </translation>
    </message>
    <message>
        <source>The merged contacts and their shares and distributor links return exactly as they were. If any of them changed since, nothing is undone and you are told why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The undo was cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Undone: %Ln merged contact(s) are back.</source>
        <translation>
            <numerusform>Undone: %Ln merged contact is back.</numerusform>
            <numerusform>Undone: %Ln merged contacts are back.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge All Confident (%L1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge All Confident…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln possible duplicate(s) among %1 contacts, %2 confident — scanned in %3 s</source>
        <translation>
            <numerusform>%Ln possible duplicate among %1 contacts, %2 confident — scanned in %3 s</numerusform>
            <numerusform>%Ln possible duplicates among %1 contacts, %2 confident — scanned in %3 s</numerusform>
        </translation>
    </message>
    <message>
        <source>No possible duplicates with a score of %1 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find contacts that were entered more than once.
Click Find Duplicates: the scan runs in the background while you keep working.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ExportDialog</name>
    <message>
        <source>The export did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CSV, for spreadsheets and other CRMs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;vCard 4.0 (.vcf), for address books and phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the file with a byte-order &amp;mark (Excel needs it to read UTF-8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The %Ln contact(s) matching “%1”</source>
        <translation>
            <numerusform>The contact matching “%1”</numerusform>
            <numerusform>The %Ln contacts matching “%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>The contacts matching “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contacts of the current search</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;All %Ln contact(s)</source>
        <translation>
            <numerusform>&amp;All %Ln contact</numerusform>
            <numerusform>&amp;All %Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;All contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is written under a temporary name and takes its name only when complete: a cancelled export leaves nothing behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 of %2 contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Contacts To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where the file goes, with its complete path (Browse… helps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is replaced only once the export is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled; %1 was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ImportExportActions</name>
    <message>
        <source>&amp;Import Contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring contacts in from a CSV or vCard file, as one step you can undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See the imports made on this device, and undo one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the contacts of the current search, or all of them, to a CSV or vCard file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is being undone. Wait until it has finished, or cancel it in the Import History window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts are being exported. Wait until the export has finished, or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ImportHistoryDialog</name>
    <message>
        <source>&amp;Undo Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every import is one step: undoing it deletes the contacts it created and sets the ones it updated back to how they were. An import is only undone when none of its contacts was changed since, so later work is never lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No imports yet. File ▸ Import Contacts… brings contacts in from a CSV or vCard file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This import was already undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the import: %1 of %2 changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was undone: %1 removed, %2 set back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outpost::ImportHistoryModel</name>
    <message>
        <source>vCard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ImportUndoTask</name>
    <message>
        <source>The undo has not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The undo did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the import of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln new contact(s) will be deleted.</source>
        <translation>
            <numerusform>%Ln new contact will be deleted.</numerusform>
            <numerusform>%Ln new contacts will be deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated contact(s) will be set back to how they were before the import.</source>
        <translation>
            <numerusform>%Ln updated contact will be set back to how it was before the import.</numerusform>
            <numerusform>%Ln updated contacts will be set back to how they were before the import.</numerusform>
        </translation>
    </message>
    <message>
        <source>If any of them was changed since, nothing is undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ImportWizard</name>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files from a spreadsheet, Google Contacts, Outlook or another CRM, and vCard files (.vcf) from phones and address books. Check below that the file is read correctly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to import, e.g. contacts.csv or contacts.vcf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (comma-separated values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard (.vcf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file with Browse…, or drop it here, to see its first rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First rows of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First contacts of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a File to Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv *.vcf *.vcard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard files (*.vcf *.vcard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder. Choose a file in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file with this name yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3, %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If letters look wrong in the preview, choose another encoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match Columns to Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost guessed what each column holds. Correct any guess; a column set to “Ignore” is not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the first rows become</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1 of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty in the first rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— Ignore —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import column “%1” into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 imported, %2 ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a column for the first or last name, the company or the e-mail address: a contact needs at least one of them to be called by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several columns go into %1: the first non-empty value is used and the others are kept in the notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update the existing contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Always create a new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same &amp;e-mail address (letter case does not matter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same &amp;phone number (“+49 170 1234567” matches Ű 1234567”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A row describes an existing contact when it has:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts Already Here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what happens when a row of the file describes a contact that is already in this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s values replace the contact&apos;s. Empty cells never erase anything, and fields the file does not have stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact stays exactly as it is; the row is counted as skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matching: every row becomes a new contact, even when that makes duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import is one step you can undo: at the end, or later from File ▸ Import History.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (vCard, %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (CSV, %2, delimiter: %3). Fields: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how an existing contact is recognised (e-mail address, phone number or both), or choose to always create new contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No column goes into %1, so no row can be matched that way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops the import at once and keeps nothing of it: the contacts stay exactly as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… nothing of this import will be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 read: %2 new, %3 updated, %4 skipped, %5 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Error File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo This Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (already here, or nothing to change):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected lines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of %1 was imported; the contacts are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message>
        <source>No contact was imported: every line was rejected. The reasons are below; the error file holds the lines to correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed: the contacts were already as the file describes them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The contacts were imported, except %Ln line(s) that were rejected; see why below.</source>
        <translation>
            <numerusform>The contacts were imported, except %Ln line that was rejected; see why below.</numerusform>
            <numerusform>The contacts were imported, except %Ln lines that were rejected; see why below.</numerusform>
        </translation>
    </message>
    <message>
        <source>All contacts were imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 rejected lines are listed; the error file has all %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - rejected lines.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the Rejected Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The error file could not be saved as %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rejected lines, each with its line number and reason, were saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the import: %1 of %2 changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was undone: %1 removed, %2 set back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is running. Cancel it in the Import Contacts window (nothing of it is kept), or wait until it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is being undone. Wait until it has finished, or cancel it in the Import Contacts window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln column(s)</source>
        <translation>
            <numerusform>%Ln column</numerusform>
            <numerusform>%Ln columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %Ln rows are shown</source>
        <translation>
            <numerusform>the first %Ln rows are shown</numerusform>
            <numerusform>the first %Ln rows are shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) shown in red cannot be read as they are; they will be reported with their line numbers.</source>
        <translation>
            <numerusform>%Ln row shown in red cannot be read as it is; it will be reported with its line number.</numerusform>
            <numerusform>%Ln rows shown in red cannot be read as they are; they will be reported with their line numbers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %Ln contacts are shown</source>
        <translation>
            <numerusform>the first %Ln contacts are shown</numerusform>
            <numerusform>the first %Ln contacts are shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the first rows would be rejected (see their status). The other rows are imported; rejected lines are listed at the end.</source>
        <translation>
            <numerusform>%Ln of the first rows would be rejected (see its status). The other rows are imported; rejected lines are listed at the end.</numerusform>
            <numerusform>%Ln of the first rows would be rejected (see their status). The other rows are imported; rejected lines are listed at the end.</numerusform>
        </translation>
    </message>
    <message>
        <source>The contacts are written as one batch: all of them, or none if you cancel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::LockScreen</name>
    <message>
        <source>Outpost is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data of “%1” is closed and its key has left memory.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::MainWindow</name>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the database and ask for the key again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Locked) — Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please Wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost is finishing work that cannot be interrupted. Quit when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::MemoryKeyStore</name>
    <message>
        <source>In-memory store (not persistent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store failed (injected failure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this computer. Protect the database with a passphrase instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key is stored for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::MergeDialog</name>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These two entries look like the same person. Choose the contact to keep and, where they differ, the value to keep. The other entry is removed; what is shared or linked with it moves to the one you keep. You can undo the merge afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1 of 100: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty in both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep both notes, one after the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” stays with the values chosen above; “%2” is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Its shares with %n colleague(s) move to the contact you keep.</source>
        <translation>
            <numerusform>Its share with %n colleague moves to the contact you keep.</numerusform>
            <numerusform>Its shares with %n colleagues move to the contact you keep.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n distributor(s) linked to it will be linked to the contact you keep.</source>
        <translation>
            <numerusform>The distributor linked to it will be linked to the contact you keep.</numerusform>
            <numerusform>The %n distributors linked to it will be linked to the contact you keep.</numerusform>
        </translation>
    </message>
    <message>
        <source>The contacts were not merged: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::MutationEngine</name>
    <message>
        <source>Unknown change &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change log is not ready (the profile is not fully open).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown change &quot;%1@%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::NewProfileWizard</name>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile keeps your contacts and other records on this computer, in an encrypted database. Give it a name you will recognise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Work, Team North</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database, its settings and (for a passphrase) the wrapped key are kept in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a complete folder path, for example %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder already holds a profile. Choose another folder, or cancel and open that profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder already holds an Outpost database. Choose an empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Folder for the Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect the key with a &amp;passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect Your Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is encrypted with a random 256-bit key. Choose where that key is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key in this computer&apos;s &amp;keychain (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key in this computer&apos;s &amp;keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost opens without a prompt while you are signed in to this computer. Recommended for computers only you use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service was found on this computer, so the key must be protected by a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You type the passphrase each time you open Outpost. Nobody can recover it for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a &amp;Passphrase Instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the encrypted database and saving its key in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deriving a key from your passphrase and creating the encrypted database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your profile “%1” is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database in %1 is encrypted; its key is in the keychain. Click Finish to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database in %1 is encrypted with a key only your passphrase unlocks. Click Finish to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Outpost Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create Profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::PageRegistry</name>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::PassphraseFields</name>
    <message>
        <source>Show passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 10 characters. A few unrelated words are easy to remember and hard to guess. If you forget it, your data cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase is strong enough. Type it again to confirm it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ProfileManager</name>
    <message>
        <source>The key of profile &quot;%1&quot; is not in this computer&apos;s keychain. If the profile was copied from another computer, open it there and export it, or restore the keychain. The database was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wrapped key file %1 is missing or unreadable (%2). The database cannot be unlocked without it; restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds a profile; it was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds a database; it was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this computer. Protect the profile with a passphrase instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile is protected by the keychain, not a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain went away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available. Start your desktop&apos;s keyring service and try again. Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the keychain was refused. Allow Outpost to use it and try again. Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available, so the key cannot be kept there. Protect the profile with a passphrase instead. Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused to store the key. Allow Outpost to use it, or protect the profile with a passphrase instead. Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not store the key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was re-encrypted, but the new key file could not replace the old one (%1). It is kept as %2 and unlocking uses it automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was re-encrypted, but its new key could not be saved as the main keychain entry (%1). It is kept as a pending entry and unlocking uses it automatically.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ProgressPanel</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::QtKeychainKeyStore</name>
    <message>
        <source>Windows Credential Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>macOS Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no details given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database key for “%1” is stored in the %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is not available on this computer (%2). Start or install it and try again, or protect the database with a passphrase instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the database key in the %1 was refused (%2). Unlock the keychain or allow Outpost to use it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost could not read the database key from the %1: %2. Check that the keychain is running and unlocked, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost could not save the database key in the %1: %2. Check that the keychain is running and unlocked, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost could not remove the database key from the %1: %2. Check that the keychain is running and unlocked, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain service answers on the session D-Bus</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::RejectionListModel</name>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::RotateKeyDialog</name>
    <message>
        <source>&amp;Re-encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. The database is now encrypted with a new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase is not correct. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be re-encrypted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost will make a new random key, wrap it with your passphrase and re-encrypt the whole database with it. Use this if you think the old key may have been exposed. Large databases take a while, and once the re-encryption has started it cannot be interrupted. If Outpost is stopped meanwhile, the next unlock completes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost will make a new random key, store it in the keychain and re-encrypt the whole database with it. Use this if you think the old key may have been exposed. You can cancel until the keychain has stored the new key; once the re-encryption has started it cannot be interrupted. Large databases take a while. If Outpost is stopped meanwhile, the next unlock completes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the new key in the keychain… Your desktop may ask you to allow it. You can still cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the passphrase and re-encrypting the database… This cannot be interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypting the database… This cannot be interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is re-encrypted. Making the new key the current one in the keychain… If you close this window now, the next unlock finishes this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encryption was cancelled before it started. The database was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SettingsDialog</name>
    <message>
        <source>Settings — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost closes the database and asks to unlock it again when you have not used it for this long. Lock at any time with Ctrl+L.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For this session the command line (--lock-after 0) turned idle locking off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>For this session the command line sets the idle time to %Ln second(s).</source>
        <translation>
            <numerusform>For this session the command line sets the idle time to %Ln second.</numerusform>
            <numerusform>For this session the command line sets the idle time to %Ln seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is encrypted with SQLCipher. Its key is protected by your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is encrypted with SQLCipher. Its key is kept in the keychain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;Passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase was changed. Use the new one from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-encrypt with a New Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after inactivity (minutes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost is re-encrypting the database. Quit when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost is changing the passphrase. Quit when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;In to a Team Server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Up &amp;Two-Factor Authentication…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;Out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (team %3). Changes sync automatically whenever the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in. This profile works on this device only until you sign in to your team&apos;s server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SignInDialog</name>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Don&apos;t Trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In to a Team Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to your team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost keeps working offline and syncs this profile with your team&apos;s server whenever it can reach it. Your administrator gives you the address and your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://sync.example.org:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if your account uses two-factor authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticator &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This &amp;device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: the server&apos;s certificate was not trusted. Ask your administrator for the fingerprint of the server&apos;s certificate, or for a certificate from a trusted authority.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as https://sync.example.org:8443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Enter one such as https://sync.example.org:8443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an https:// address: the password and your team&apos;s data must travel encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your team&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authenticator code is the 6 digits your authenticator app shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate cannot be used: %1 Check the address (the certificate must name this host) or ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has CHANGED since this profile last trusted it. This happens when the server got a new certificate — or when someone is intercepting the connection. Trust the new certificate only if your administrator confirms this fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer does not know who issued the server&apos;s certificate &quot;%1&quot; (a self-signed certificate, usual for a team&apos;s own server). Compare its fingerprint with the one your administrator gave you (outpost-server cert prints it) and trust it only if they match:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in as %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SignOutDialog</name>
    <message>
        <source>&amp;Keep the data on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove the team&apos;s data from this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of %1? This device stops syncing until you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can still read and edit it offline. Changes are sent when you sign in again as the same user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts, conflicts and refused changes from the team are deleted from this profile, with this device&apos;s history of them. The team server keeps everything it has received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made on this device have not reached the server yet. Removing the data loses them.</source>
        <translation>
            <numerusform>%n change made on this device has not reached the server yet. Removing the data loses it.</numerusform>
            <numerusform>%n changes made on this device have not reached the server yet. Removing the data loses them.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sign Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign Out and Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SyncClient</name>
    <message>
        <source>The server answered %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an unexpected answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n change(s)</source>
        <translation>
            <numerusform>Syncing %n change</numerusform>
            <numerusform>Syncing %n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended this device&apos;s session (%1). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SyncController</name>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out, but the team&apos;s data could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device was signed out of the team server: %1

Your data stays on this device. Sign in again to resume syncing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-Factor Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the team server first: two-factor authentication is set up while signed in and online.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SyncProblemsDialog</name>
    <message>
        <source>No sync problems. Everything you changed reached the team server as you made it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore Replaced Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit and Retry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts: two people changed the same field; the later change was kept and the value it replaced is shown here, so nothing is lost. Refused changes: the server did not accept a change made on this device, for the reason shown; the record shows the server&apos;s version again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the replaced value back into the record (synced to everyone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the record as it is and remove the conflict from this list (for everyone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the refused change and send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up the refused change; the record stays as the server has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2: the value now is &quot;%3&quot;; it replaced &quot;%4&quot;. %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) was refused by the server: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The replaced value was restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current value was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refused change was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact no longer exists, so this change cannot be made again. Discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The corrected change will be sent with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and Retry — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change&apos;s details, as sent. Correct them and retry, or cancel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details are not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SyncProblemsModel</name>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Genealogy move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another user&apos;s edit replaced your value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your edit replaced a value another user had set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two users edited this field at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field or change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced or refused value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SyncServerApi</name>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address answers, but not like an Outpost server (HTTP %1). Check the address and the port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SyncStatusWidget</name>
    <message>
        <source>Sync &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;In to a Team Server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;Out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;Problems…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to sync</source>
        <translation>
            <numerusform>%n change to sync</numerusform>
            <numerusform>%n changes to sync</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n change(s)…</source>
        <translation>
            <numerusform>Syncing %n change…</numerusform>
            <numerusform>Syncing %n changes…</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>Last synced: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sync problem(s) need your attention.</source>
        <translation>
            <numerusform>%n sync problem needs your attention.</numerusform>
            <numerusform>%n sync problems need your attention.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync &amp;Problems (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TotpEnrolmentDialog</name>
    <message>
        <source>Asking the server for a new secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Turn On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Up Two-Factor Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this, signing in to the team server needs your password and a 6-digit code from an authenticator app on your phone (such as FreeOTP, Aegis, Google Authenticator or 1Password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. In the app, add an account and scan this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you cannot scan it, enter this key by hand (time-based, 6 digits, 30 seconds):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Enter the code the app shows now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>123456</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-factor authentication could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an unexpected answer. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-factor authentication is on. From now on, sign in with your password and a code from the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::UnlockDialog</name>
    <message>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost Is Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;assphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase of “%1” to continue where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock “%1” to continue where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data is encrypted. Enter the passphrase of this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data is encrypted; its key is in this computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is read from the keychain (%1). Your desktop may ask you to allow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking with the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase is not correct. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These profile folders could not be read and are not listed. They were left as they are; a newer version of Outpost may open them, or restore them from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::server</name>
    <message>
        <source>&quot;refreshToken&quot; and &quot;deviceId&quot; are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session belongs to another device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::server::ServerCli</name>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outpost-server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outpost-server: give the password on standard input (one line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data DIR is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--workers must be a number from 1 to 256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a TLS certificate and key are required (--cert, --key; `outpost-server cert` makes a pair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out DIR is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate: %1
Key: %2
SHA-256 fingerprint: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--team and --owner are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team &quot;%1&quot; created; owner &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--team is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--login is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &quot;%1&quot; added as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2FA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no 2FA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown user command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--device ID is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 revoked; its sessions ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown device command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: outpost-server COMMAND [options]
  serve --data DIR [--config FILE] [--bind ADDR] [--port N] [--cert FILE --key FILE] [--workers N]
  cert --out DIR [--host NAME]...     make a self-signed certificate for a local trial
  init --data DIR --team NAME --owner LOGIN [--name NAME]     (password on stdin)
  user add --data DIR --team NAME --login LOGIN --role ROLE [--name NAME]  (password on stdin)
  user list|disable|enable|reset-2fa --data DIR --team NAME [--login LOGIN]
  device list --data DIR --team NAME
  device revoke --data DIR --team NAME --device ID
  backup --data DIR --to DIR        a consistent copy of every database, while the server runs
roles: owner, admin, manager, sales, support, finance, compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data DIR and --to DIR are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no Outpost server data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty; a backup goes into a new folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Backup complete in %1 (%n database(s)). Restore by stopping the server and using this folder as its --data.</source>
        <translation>
            <numerusform>Backup complete in %1 (%n database). Restore by stopping the server and using this folder as its --data.</numerusform>
            <numerusform>Backup complete in %1 (%n databases). Restore by stopping the server and using this folder as its --data.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outpost::wire::Codec</name>
    <message>
        <source>is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number of at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list of objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A push may carry at most %1 changes; this one has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1.seq&quot; must be greater than the sequence number before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be applied, conflict or rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

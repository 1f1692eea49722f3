<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A product needs a SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A product needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product&apos;s %1 is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The currency must be an ISO code of three capital letters, e.g. EUR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;active&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number, zero or more (money in minor units, e.g. cents).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SKU %1 already belongs to &quot;%2&quot;. Choose another SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; must be an object of product fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the orders: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order needs the distributor who buys or to whom the sale is attributed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order needs an order date (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s name is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order needs at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order has at most 1,000 lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distributor of this order does not exist; they may have been removed on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the quantity must be a whole number from 1 to 1,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the product does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2 is no longer sold (inactive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All lines of an order must be in one currency (%1 and %2 are mixed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the returns: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return must name the order it returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return needs a date (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is too long (at most 2,000 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which lines are returned, and how many of each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The returned order does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A return cannot be dated before its order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order has no line %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is listed twice in the return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the returned quantity must be a whole number above zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2 returned, but only %3 of %4 are not returned yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the payout batch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payout batch id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the committed period to pay out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum payout must be a whole amount in minor units, zero or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This period has already been paid out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission period does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 is not committed yet: only committed periods are paid out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission period id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the commission period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A plan needs a name of at most 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;plan&quot; must be the plan as a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A period needs a name of at most 100 characters, e.g. &quot;2026-03&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A period needs a start and an end after it (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the commission plan of the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the commission periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period overlaps period %1; periods cannot overlap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 is locked for payment and cannot be calculated again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 is committed: its commissions are final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan id is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 is already committed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 has not been calculated yet: calculate it and check the preview before locking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders, returns, the genealogy or the plan of period %1 changed since it was last calculated. Calculate it again, check the preview, then lock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 must be locked before it is committed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object of company fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Companies have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the company: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n linked contact(s); link them to another company or remove their link before deleting it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n deal(s); move them to another company or delete them before deleting it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete the company: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom field needs a label of 1 to 80 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;options&quot; must be a list of texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each choice must be a text of 1 to 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The choice “%1” is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;required&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown rule &quot;%1&quot; (known: min, max, maxLength, regex).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The maximum must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum is greater than the maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The maximum length must be between 1 and 20,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern “%1” is not a valid regular expression: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;position&quot; must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A choice field needs at least one choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only choice fields have choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only number fields have a minimum or maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only text fields have a maximum length or a pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fields are for contacts or companies (&quot;entity&quot;: &quot;contact&quot; or &quot;company&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key “%1” must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 40).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type must be one of text, number, date, choice, multichoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This custom field id is already used for another field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a field with the key “%1” (“%2”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This custom field no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom field&apos;s &quot;%1&quot; cannot be changed (only label, options, required, rules and position).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message>
        <source>The server&apos;s secret key is not loaded; two-factor sign-in is unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s secret key file %1 is missing, and this server&apos;s two-factor secrets are sealed with it. Restore the file from your backup (or give its path with --secret-key); a new key cannot open them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s secret key file %1 is not the key this server&apos;s two-factor secrets are sealed with. Use the original key file (restore it from your backup); this one cannot open them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stored two-factor secret is damaged; reset it with `outpost-server user reset-2fa`.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityRowCodec</name>
    <message>
        <source>Could not sync an activity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityValidation</name>
    <message>
        <source>&quot;%1&quot; is not a kind of activity (call, meeting, email or note).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity is logged against a contact, company, deal or lead, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The activity&apos;s subject id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The activity needs the time it happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity needs a title or a text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the activity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The activity id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activities have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity&apos;s subject cannot be changed; delete it and log it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;occurredAt&quot; must be a time in UTC milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another activity already has this id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; must name the fields to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This activity no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArgReader</name>
    <message>
        <source>&quot;%1&quot; is missing or is not a valid id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long (at most %2 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a time in UTC milliseconds, or null.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a three-letter ISO currency code such as EUR or USD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be changed here (allowed: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;%1&quot; is empty.</source>
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
    <message>
        <source>The audit log was already damaged when it was upgraded (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 was redacted without an erasure that accounts for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 was redacted, but the erasure it names does not list it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entry %1 was redacted, but no erasure in the log accounts for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read audit entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not redact audit entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not upgrade the audit log: %1</source>
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
    <message>
        <source>&quot;segments&quot; needs a subcommand: list or save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;person&quot; needs a subcommand: export</source>
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
  demo --profile DIR [--contacts N] [--distributors N] [--seed S] [--passphrase-stdin]
                      add N generated demo contacts (default 1000) and distributor trees
                      (default none)
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
  export --profile DIR FILE [--format csv|vcard] [--query TEXT | --segment ID] [--no-bom]
                      write all contacts (or the search&apos;s or the segment&apos;s matches) to a file
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
%1  genealogy find --profile DIR TEXT [--limit N] [--json]
                      distributors whose name starts with TEXT (or whose id it is)
  genealogy upline --profile DIR ID [--tree sponsor|placement] [--json]
                      the path from the top of the tree down to distributor ID
  genealogy downline --profile DIR ID [--tree T] [--depth N] [--limit N] [--json]
                      the people below ID, level by level (default: 1 level, 100 people)
  genealogy stats --profile DIR ID [--tree T] [--levels] [--json]
                      downline size, depth and biggest legs (--levels: people per level)
  genealogy move --profile DIR ID (--to PARENT_ID | --root) --reason TEXT [--tree T]
                 [--effective YYYY-MM-DD]
                      re-sponsor (or re-place) ID with their whole downline; refused if
                      PARENT_ID is in ID&apos;s own downline
  segments save --profile DIR NAME FILTER_JSON
                      save a segment, e.g. &apos;{&quot;match&quot;:&quot;all&quot;,&quot;rules&quot;:[{&quot;field&quot;:&quot;city&quot;,
                      &quot;op&quot;:&quot;equals&quot;,&quot;value&quot;:&quot;Lyon&quot;}]}&apos;; prints its id
  segments list --profile DIR       the saved segments with their id and how many contacts match
  person export --profile DIR CONTACT_ID FOLDER
                      write everything held about a person (JSON + one CSV per section)
                      into the new FOLDER
  erase --profile DIR CONTACT_ID --yes
                      erase a person: their personal values are removed everywhere (records,
                      audit log, histories, search index); linked business records stay under
                      a pseudonym. Cannot be undone, hence --yes
  --version, --help

A passphrase is read only from standard input (--passphrase-stdin) or the keychain, never
from the command line.
Exit codes: 0 ok, 1 failed, 2 usage error, 3 profile not found, 4 wrong key or keychain
problem, 5 verification found damage or tampering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--distributors must be a number from 0 to 2000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 demo distributors in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --query or --segment, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no segment %1 (see &quot;segments list&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erase takes exactly one CONTACT_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erasing a person cannot be undone; add --yes to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased %1: the person&apos;s records are now called %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person export takes a CONTACT_ID and a new FOLDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 records about %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>segments save takes a NAME and a FILTER_JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the filter is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID	NAME	CONTACTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;genealogy&quot; needs a subcommand: find, upline, downline, stats or move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;genealogy %1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>genealogy find takes one search text (quote it if it has spaces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>genealogy %1 takes one distributor ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tree must be &quot;sponsor&quot; or &quot;placement&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--depth must be 1 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a distributor id (find ids with: outpost-cli genealogy find)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--effective must be a date like 2026-11-30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>genealogy move needs either --to PARENT_ID or --root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to must be a distributor id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>genealogy move needs --reason TEXT (it is kept in the history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID	NAME	STATUS	RANK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no distributor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEVEL	ID	NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEVEL	ID	NAME	STATUS	DOWNLINE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 people in the downline, %3 levels deep, %4 on the first level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  leg %1 (%2): %3 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  level %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 with %2 people in their downline.</source>
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
    <name>CommissionCommands</name>
    <message>
        <source>unknown command &quot;commerce %1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;commissions %1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--distributors, --months, --lines-per-month and --seed must be numbers in range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from must be a month, e.g. 2026-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the distributors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 distributors added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 order lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 products, %2 orders with %3 lines, plan %4 and %5 periods in %6 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--file PLAN.json is required and must be readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON object: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from and --to must be dates, e.g. 2026-03-01 and 2026-04-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--period NAME|ID is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the commission periods.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no commission period &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1… %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the commission period back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 is %2: %3 paid in %4 ledger lines (run %5, digest %6%7) in %8 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, same as the previous run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, differs from the previous run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be a number from 1 to 1000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--minimum MINOR_UNITS is required (e.g. 2000 for 20.00)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the payout batch back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout batch %1: %2 payable, %3 carried forward, %4 held (KYC not approved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  commerce demo --profile DIR [--distributors N] [--months M] [--lines-per-month L]
                [--from YYYY-MM] [--seed S]
                      add demo distributors (when there are none), products, M months of orders,
                      the demo commission plan and one open period per month
  commissions plan --profile DIR --file PLAN.json --name NAME [--plan ID]
                      create a commission plan (or replace plan ID)
  commissions open --profile DIR --name NAME --from DATE --to DATE --plan ID
                      open a commission period [from, to)
  commissions periods --profile DIR    list periods with their state and totals
  commissions run|lock|commit --profile DIR --period NAME|ID [--plan ID] [--quiet]
                      calculate (again, or as a what-if under another plan), lock, commit
  commissions preview --profile DIR --period NAME|ID [--limit N]
                      the biggest changes against the previous run: id, name, total, previous, change
  commissions statement --profile DIR --period NAME|ID --distributor ID [--output FILE.csv]
                      one distributor&apos;s statement as CSV, one line per order (standard output by default)
  commissions payout --profile DIR --period NAME|ID --minimum MINOR_UNITS
                      the payout batch of a committed period
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement of %1 for %2 written to %3.</source>
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
        <source>Order %1 is dated outside the period</source>
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
    <message>
        <source>Order %1 has a negative or too large CV or PV</source>
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
    <name>CommissionReports</name>
    <message>
        <source>Could not read the commissions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission period does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 has not been calculated yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distributor does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommissionStore</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission run was cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the commission period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order refers to a distributor that does not exist (row %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan stored with period %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the period snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 has no readable snapshot of its distributors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 cannot be reproduced from what is stored (its result differs): the clawback cannot be computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A return in this period takes back an order of period %1, which is not committed yet. Commit %1 first, then calculate this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the commission plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission plan does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading distributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the distributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the commission ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the ranks back to the distributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order row %1 has a line (%2) with a negative or too large quantity, PV or CV.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyRepository</name>
    <message>
        <source>Could not read the companies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the company: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyRowCodec</name>
    <message>
        <source>Could not sync a company: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyValidation</name>
    <message>
        <source>Could not save the company: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This company no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company name is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a web site or domain (such as example.com).</source>
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
    <name>ConsentRowCodec</name>
    <message>
        <source>A consent from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sync a consent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Consents</name>
    <message>
        <source>Could not save the consent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 must be a time (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A consent must expire after it was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A consent cannot be withdrawn before it was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time it was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This consent record no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purpose cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time it was given must be a time (UTC milliseconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This consent record belongs to another contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; is missing or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time of withdrawal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the consents: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
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
    <message>
        <source>The database connection is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not index the new contacts for search: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not finish the bulk load: %1</source>
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
    <message>
        <source>Linked company (id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other e-mails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
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
    <message>
        <source>Could not count contacts</source>
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
    <message>
        <source>Could not read the segment&apos;s contacts: %1</source>
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
    <name>ContactSearchIndex</name>
    <message>
        <source>The contact search index needs an SQLCipher connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactSearchTidier</name>
    <message>
        <source>Could not read the search index: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database connection is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not tidy the search index: %1</source>
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
    <message>
        <source>Could not read the company: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company this contact should link to no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company id &quot;%1&quot; is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact has at most 50 tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tag &quot;%1&quot; is too long (at most 40 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 contacts can be changed by one change; this one has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the contact id %1 is given twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact id &quot;%1&quot; is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the contacts: %1</source>
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
    <name>CustomFieldRowCodec</name>
    <message>
        <source>Could not sync a custom field: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom field from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomFieldValidation</name>
    <message>
        <source>Could not save the custom field: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The custom field id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This custom field no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomFields</name>
    <message>
        <source>Could not read the custom fields: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not have the required form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a date written as yyyy-mm-dd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not one of the choices (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list of choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save a custom value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no custom field “%1”; an admin may have removed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The custom field “%1” is retired and no longer takes values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is required.</source>
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
    <message>
        <source>The PostgreSQL URL is not valid (%1). Write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must start with postgresql://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names no database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;;&quot; is not allowed in its options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed; install the package libqt6sql6-psql (or your system&apos;s Qt 6 PostgreSQL plugin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PostgreSQL database needs a schema name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (schema %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An integrity check of a PostgreSQL database is PostgreSQL&apos;s own business (e.g. pg_amcheck).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is stored in PostgreSQL: back it up with PostgreSQL&apos;s tools (pg_dump for a consistent copy while the server runs, or continuous archiving).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is in use by another reader; its log could not be emptied (%1 of %2 pages copied). Try again when it is idle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the log into the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealValidation</name>
    <message>
        <source>This deal no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This stage no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked contact no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stage &quot;%1&quot; is not in this deal&apos;s pipeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new deal starts in an open stage; &quot;%1&quot; is for closed deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a won stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a lost stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a stage for closed deals: mark the deal as won or lost instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deal&apos;s pipeline has no won stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deal&apos;s pipeline has no lost stage.</source>
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
    <message>
        <source>The database connection is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoCommerce</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the distributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add demo distributors first: orders are placed by distributors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the demo products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the demo orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retail customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the demo orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not index the demo orders</source>
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
    <name>DistributorRowCodec</name>
    <message>
        <source>Could not sync a distributor: %1</source>
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
    <name>ErasureRowCodec</name>
    <message>
        <source>Could not sync an erasure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An erasure from the server is incomplete.</source>
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
    <message>
        <source>The database connection is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The genealogy has a loop through distributor %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenealogyClosure</name>
    <message>
        <source>Could not update the genealogy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the genealogy: %1</source>
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
        <source>Could not read the downline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not search the genealogy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the downline was cancelled.</source>
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
    <message>
        <source>%1 cannot be moved under someone in their own sponsor downline: that would make a loop in the sponsor tree. Move that person out first, or choose a sponsor outside the downline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be placed under someone in their own placement downline: that would make a loop in the placement tree. Move that person out first, or choose a placement parent outside the downline.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>Could not remove the contacts the import created: %1</source>
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
    <name>LabelledValues</name>
    <message>
        <source>The field &quot;%1&quot; must be a list of labelled entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has more than %2 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The label &quot;%1&quot; is too long (at most %2 characters).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lead</name>
    <message>
        <source>A lead has an unknown status &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disqualified</source>
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
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked contact&apos;s id is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the lead: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing or is not an id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object of lead fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead needs at least a name, a company or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead was converted; work on its contact instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: &quot;set&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead is qualified as &quot;mql&quot; or &quot;sql&quot;, or &quot;auto&quot; to follow its score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the lead is disqualified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is too long (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Outpost cannot create the %1 yet (&quot;%2&quot; is not available); convert without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disqualified lead cannot be converted; qualify it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company to create needs an id and a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deal to create needs an id and a title.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadRowCodec</name>
    <message>
        <source>Could not sync a lead: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadScorer</name>
    <message>
        <source>%1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadScores</name>
    <message>
        <source>Could not update the lead scores: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the scoring rules: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lead added or edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scoring rules changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescoring was cancelled; the scores are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginThrottle::Decision</name>
    <message numerus="yes">
        <source>in %n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>PeriodGuard</name>
    <message>
        <source>Could not read the commission periods: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is dated in commission period %1, which is committed: its commissions are final. Date the order in an open period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is dated in commission period %1, which is locked for payment. Date the order in an open period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return is dated in commission period %1, which is committed. Date the return in an open period; its commissions are then clawed back there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return is dated in commission period %1, which is locked for payment. Date the return in an open period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move takes effect in commission period %1, which is committed: its genealogy is final. Give the move an effective date in an open period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move takes effect in commission period %1, which is locked for payment. Give the move an effective date in an open period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan was used by commission period %1, which is committed: its rules are final. Create a new plan for the open periods instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan is used by commission period %1, which is locked for payment. Create a new plan for the open periods instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonErasure</name>
    <message>
        <source>Could not erase the person: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person was erased, but the database&apos;s write-ahead log could not be cleared yet (%1); it is cleared at the next checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The erasure id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pseudonym must be 3 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no contact with this id, and nothing is recorded about one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonExport</name>
    <message>
        <source>Could not read the person&apos;s data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is held about a contact with the id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists; choose a new folder name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write person.json: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not rename %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineValidation</name>
    <message>
        <source>This pipeline no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This stage no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stage&apos;s kind must be &quot;open&quot;, &quot;won&quot; or &quot;lost&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage %1 repeats the id of another stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pipeline needs at least one open stage for its deals in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stage id %1 is already used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This stage id is already used in another pipeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the pipeline&apos;s last open stage: a pipeline needs one for its deals in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new order must list every stage of the pipeline once; the stages may have changed on another device. Reload them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; still holds %n deal(s): move them to another stage first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostgresChangeFeed</name>
    <message>
        <source>Could not listen for other server instances&apos; changes: %1</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>Could not prepare the first sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first sync&apos;s work was interrupted because the profile is closing; it continues when the profile is next unlocked.</source>
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
    <name>ScoreTimelineSource</name>
    <message>
        <source>Scored %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Because: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringRule</name>
    <message>
        <source>&quot;%1&quot; must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the scoring rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the scoring rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A threshold is for &quot;mql&quot; or &quot;sql&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rule needs a label: it is what the score&apos;s explanation says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The label is too long (at most 120 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rule gives between -1000 and 1000 points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads have no field &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile rule tests present, missing, equals or contains, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rule that compares needs the value to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of activity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-life and window are between 0 and 3650 days (0: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cap is a number of points of 0 or more (0: no cap).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rule is of kind fit, behaviour or threshold, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales qualified from %1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing qualified from %1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 points each</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, halved every %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, last %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, at most %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringRuleRowCodec</name>
    <message>
        <source>Could not sync a scoring rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scoring rule from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretBox</name>
    <message>
        <source>A stored secret does not open with the server&apos;s secret key (another key, or the value was altered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the server&apos;s secret key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s secret key file %1 is not a key (64 hex digits expected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the server&apos;s secret key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the server&apos;s secret key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentBulkEdit</name>
    <message>
        <source>The bulk edit was cancelled; no contact was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the tag to add or remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the segment&apos;s contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read a contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentFields</name>
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
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is one of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is none of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is less than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is greater than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is within the last (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentFilter</name>
    <message>
        <source>there is no field &quot;%1&quot; to filter on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be used with the field &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be a list of at least one choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every choice must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be two numbers: from and to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be a number of days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>groups are nested too deeply (at most %1 levels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;match&quot; must be &quot;all&quot; or &quot;any&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rule must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the segment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The count was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentRowCodec</name>
    <message>
        <source>A segment from the server is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Segments</name>
    <message>
        <source>Could not save the segment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment id is missing or malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A segment needs a name (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s filter is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s filter is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the segments: %1</source>
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
        <source>Cannot read the config file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config file %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: port (0–65535), workers (1–256), maxBodyBytes, readTimeoutMs and cacheMiB (from 1) must be numbers in range.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerStorage</name>
    <message>
        <source>No data folder: pass --data DIR (or --database postgresql://… to store in PostgreSQL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server on PostgreSQL needs its secret key file: pass --secret-key FILE (config key &quot;secretKey&quot;), the same file for every instance. `outpost-server init` creates it if missing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageTimelineSource</name>
    <message>
        <source>Deal created in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal moved from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Statement</name>
    <message>
        <source>Unilevel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawback of unilevel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawback of fast start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawback of matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tree distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commission statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 (%2 to %3), %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV %1, GV %2, paid as %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatementPager</name>
    <message>
        <source>Could not read the statement: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 has not been calculated yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan stored with period %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distributor does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fast-start line names a distributor the run did not see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 line from %2 cannot be itemised: its orders changed after the last run of period %3 (%4 orders for %5 now, %6 orders for %7 in the run). Calculate the period again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the statement: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatementPdfWriter</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not start writing the PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not finish writing the PDF.</source>
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
    <name>SyncCommand</name>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;sync %1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server must be the server&apos;s https:// address, e.g. https://sync.example.com:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--team and --user are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the password on standard input (never on the command line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (outpost-cli)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate cannot be used: %1 Check the address (the certificate must name this host) or ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer does not know who issued the server&apos;s certificate (a self-signed certificate, usual for a team&apos;s own server). Compare the fingerprint above with the one your administrator gave you and, if they match, sign in again with --trust FINGERPRINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate has CHANGED since this profile trusted it: a new certificate, or someone intercepting the connection. Sign in again with --trust FINGERPRINT only if your administrator confirms the fingerprint above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fingerprint given with --trust is not the server&apos;s (above); nothing was trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (%3) on team %4. Run &quot;outpost-cli sync&quot; to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this profile is not signed in to a team server; run &quot;outpost-cli sync signin&quot; first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this device&apos;s sign-in has ended; run &quot;outpost-cli sync signin&quot; again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First sync: %1 rows received; building the search index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First sync: %1% (%2 of about %3 rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 synced: %2 sent, %3 received, %4 refused, %5 conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not synced: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing with %1 until interrupted (Ctrl-C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced, but the new sign-in could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sync did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced with %1: %2 changes sent (%3 refused, %4 conflicts), %5 rows received, %6 still pending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (%3) on team %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in to a team server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First sync stopped at %1 of about %2 rows; &quot;outpost-cli sync&quot; continues it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sync problem(s) to look at.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>signed out, but the team&apos;s data could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out; the team&apos;s data was removed from this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out; the data stays on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account uses two-factor authentication: enter the code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this account needs its authenticator code: give it on the line after the password on standard input, or with --totp CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server still asks for the authenticator code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  sync signin --profile DIR --server URL --team TEAM --user LOGIN [--totp CODE]
              [--device NAME] [--trust FINGERPRINT] [--passphrase-stdin]
                      sign in to the team server (password on standard input; an account
                      with two-factor authentication is then asked for its code on the
                      next line, unless --totp gave it); a self-signed certificate is
                      trusted only with its --trust fingerprint
  sync --profile DIR [--watch] [--passphrase-stdin]
                      push local changes and pull the team&apos;s (the first sync downloads
                      a snapshot, with progress; Ctrl-C stops it, the next run goes on);
                      --watch keeps syncing on every change until interrupted
  sync status --profile DIR [--json]   sign-in, pending changes, first-sync progress
  sync signout --profile DIR [--wipe]  end the session; --wipe removes the team&apos;s data
</source>
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
    <message>
        <source>Could not read the snapshot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role (%1) may not change this record (%2), so it cannot restore its value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot merge this contact: it is not yours and it is not shared with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the contact&apos;s owner (or an owner or administrator of the team) may share it or end a share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change would alter who sees a contact you do not own; only its owner (or an owner or administrator of the team) may share it or end a share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prune the settled changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change (%1) is larger than the server accepts in one request, so it can never be delivered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableRowCodec</name>
    <message>
        <source>Could not sync a record (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 from the server is incomplete (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A synced %1 refers to a %2 this device does not have yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskValidation</name>
    <message>
        <source>This task no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked contact no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked deal no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Score change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the timeline: %1</source>
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
    <name>outpost::ActivityDialog</name>
    <message>
        <source>Log Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Discovery call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was said or agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
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
    <name>outpost::CommissionPeriodModel</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not calculated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as the run before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>differs from the run before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CommissionPreviewModel</name>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CommissionsPage</name>
    <message>
        <source>&lt;b&gt;Commission periods&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculate under another plan to see what it would pay (a what-if); the period then uses that plan until it is calculated again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n commission period(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A commission step is running. Wait for it or cancel it on the Commissions page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Preview&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Preview of %1&lt;/b&gt; — not calculated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Preview of %1&lt;/b&gt; — run %2, %3 paid; the biggest changes against the run before come first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculated. Check the preview, then lock the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked. Commit the period to make it final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed: the period&apos;s commissions are final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CompaniesPage</name>
    <message>
        <source>New &amp;Company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a company to this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, web site, city or industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(ies)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This company no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company and its details are removed. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company was not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CompanyContactsModel</name>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CompanyDetailPanel</name>
    <message>
        <source>Select a company to see the details and its contacts.</source>
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
        <source>Web site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fields:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts linked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outpost::CompanyEditDialog</name>
    <message>
        <source>New Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Industry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Web site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
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
        <source>N&amp;otes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CompanyListModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
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
        <source>Web site</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CompanyPicker</name>
    <message>
        <source>Type to find a company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the link to the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(company not found)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ConsentDialog</name>
    <message>
        <source>E&amp;xpires on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newsletter by e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing with the sponsor line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiling for offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the person agreed to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. web form, signed paper form, phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Given on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ConsentListModel</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given on %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It expired on %1; ask the person again before relying on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ConsentsPanel</name>
    <message>
        <source>&amp;Record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consents could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the person withdrew their consent to “%1” now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent is recorded for this contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents (%1)</source>
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
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Personal Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;rase Person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other e-mails:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other phones:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fields:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a tag to list the contacts that have it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
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
    <message>
        <source>Lin&amp;ked company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vip, key account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other e-mails:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other phones:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;More Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustom Fields</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ContactFollowUpActions</name>
    <message>
        <source>Add &amp;Task for Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New De&amp;al for Contact…</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <source>No contacts match “%1”.
Check the spelling, or search for part of a name, an e-mail address, a company, a city or a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person is being erased; it finishes in a moment and cannot be stopped half-way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data is being exported; cancel it in its window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, e-mail, company, city, phone or notes; #tag for a tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find contacts as you type (Ctrl+F). Words of three letters or more also search the notes. Esc clears the search.</source>
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
    <name>outpost::CustomFieldDialog</name>
    <message>
        <source>A value is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Field “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Company Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Contact Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name the field has in imports, exports and segments. It cannot be changed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One choice per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. [A-Z]{2}[0-9]{9}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mi&amp;nimum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ma&amp;ximum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum &amp;length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a number (write it with digits and a point, such as 2.5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CustomFieldListModel</name>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (retired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>at most %n character(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>pattern %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CustomFieldsForm</name>
    <message>
        <source>yyyy-mm-dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1*:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::CustomFieldsPage</name>
    <message>
        <source>&amp;New Field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the team&apos;s owners and admins define custom fields; your role is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields your team adds to contacts and companies. A retired field keeps the values already entered but is no longer shown or filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The values already entered are kept, but the field is no longer shown or filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field was not retired: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DealBoardView</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outpost::DealCardDelegate</name>
    <message>
        <source>closes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no close date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DealCardModel</name>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DealEditDialog</name>
    <message>
        <source>New Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is being sold, to whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pipeline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected to close on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the deal a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The currency is a three-letter code such as EUR or USD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The value must be an amount such as 1250 or 1250.50 (at most %n decimal(s) in %1).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This pipeline has no open stage for a new deal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DealListModel</name>
    <message>
        <source>%1 (won)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (won: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (lost: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DealsPage</name>
    <message>
        <source>New &amp;Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Task to Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter deals by title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This deal no longer exists; it may have been deleted on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why was it won? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why was it lost?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this deal and its stage history? Its tasks stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as Won…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as Lost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;Stages…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::DownlineStatsPanel</name>
    <message>
        <source>Leg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biggest legs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People per level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downline statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a distributor to see the size and shape of their downline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor downline of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement downline of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people in the downline, %2 levels deep, %3 personally below (first level).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No downline yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting people per level…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting was cancelled. Select the distributor again to count.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) skipped: a contact of theirs was merged into another one already; look again for what is left.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) could not be merged: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>outpost::EraseContactDialog</name>
    <message>
        <source>I understand that this cannot be undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Erase Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Their name, e-mail address, phone number, address and notes are removed from this profile for good: from the contact, from the audit log&apos;s recorded values, from the import and merge history, from changes not yet synced and from the search index. The server and your colleagues&apos; devices erase them too when they sync.&lt;/p&gt;&lt;p&gt;Their business records stay, under a pseudonym: the contact record with its company and country, their distributor record and downline, shares, and the consent records (those in force are withdrawn). Every step is recorded in the audit log.&lt;/p&gt;&lt;p&gt;If the person asked for their data first, export it before erasing.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was erased: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased. Their records are now called “%1”.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message numerus="yes">
        <source>The %Ln contact(s) of the segment “%1”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The contacts of the segment “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ForecastChart</name>
    <message>
        <source>Weighted forecast by expected close month</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ForecastModel</name>
    <message>
        <source>No close date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted (value × probability)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::GenealogyPage</name>
    <message>
        <source>&amp;Move Distributor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor tree: who enrolled whom. Placement tree: where each person is placed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a distributor by name or id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the tree from the top again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sponsor or re-place the selected distributor with their downline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in (or turn the wheel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out (or turn the wheel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole opened chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the opened chart as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the opened chart as a PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click ± to open or close a branch; drag to pan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That distributor is not in this tree any more. Search again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 distributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected distributor no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Org Chart as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Org Chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart was saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV and GV appear once a commission period has been calculated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV and GV of commission period %1, as last calculated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::GenealogyTreeModel</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n people in the downline</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated contact(s) will be set back to how they were before the import.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %Ln rows are shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) shown in red cannot be read as they are; they will be reported with their line numbers.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %Ln contacts are shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the first rows would be rejected (see their status). The other rows are imported; rejected lines are listed at the end.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The contacts are written as one batch: all of them, or none if you cancel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::LabelledValuesEditor</name>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Address</source>
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
        <source>Country (DE)</source>
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
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::LeadEditDialog</name>
    <message>
        <source>Edit Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Lead</source>
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
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ountry (ISO):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. web form, referral, trade fair</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::LeadListModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the leads: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::LeadsPage</name>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Qualify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disqualify…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;vert…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring &amp;Rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring leads: %L1 of %L2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1+ leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Leads are being scored again. Wait for it to finish, or cancel it on the Leads page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lead selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a lead to see its score, why it has it, and what happened with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (by score)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule applies to this lead yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disqualify Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is this lead disqualified?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lead is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also create the &amp;company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also create a &amp;deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact is created from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring leads…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, company or e-mail</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n distributor(s) linked to it will be linked to the contact you keep.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The contacts were not merged: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::MigrationProgressDialog</name>
    <message>
        <source>Updating Your Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating your data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Outpost keeps your data in a new form. Updating a large profile can take a minute; your window opens when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each step is saved as a whole and cannot be stopped half-way. If Outpost is closed meanwhile, your data stays as it was and the update starts again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::MoveDistributorDialog</name>
    <message>
        <source>Move to the top level (no parent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor tree (re-sponsor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement tree (re-place)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name to find the new parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this move is made; it is kept in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the move takes effect for volumes and commissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving %1 moves their whole downline with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New parent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the new parent from the list that appears as you type, or tick &quot;Move to the top level&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen parent no longer exists. Choose another one.</source>
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
    <name>outpost::OrgChartView</name>
    <message>
        <source>No rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in downline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more of this distributor&apos;s children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart is too large to export as an image; collapse some branches and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1. Check that the folder exists and you may write to it.</source>
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
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Genealogy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments</source>
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
    <name>outpost::PersonExportDialog</name>
    <message>
        <source>%1 personal data %2</source>
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
        <source>Export Personal Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything this profile holds about “%1”: the contact, consents, shares, distributor record, audit log entries, import and merge history and changes not yet synced — as person.json and one CSV file per part, in a new folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln record(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outpost::PgDriver</name>
    <message>
        <source>Unable to connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not commit a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not roll back a transaction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::PipelineMessages</name>
    <message>
        <source>Could not read or save pipeline data: %1</source>
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
    <name>outpost::ScoringRuleModel</name>
    <message>
        <source>%1 (off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::ScoringRulesDialog</name>
    <message>
        <source>no decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead Scoring Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behaviour (activities)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the explanation says, e.g. &quot;No phone number&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ield:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Half-life:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Points:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qualification thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Marketing qualified from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ales qualified from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Every lead is being scored again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales qualified must start at or above marketing qualified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SegmentBulkEditDialog</name>
    <message>
        <source>Bulk Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Change the %Ln contact(s) of the segment “%1”.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Change the contacts of the segment “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every contact is changed as one batch: Cancel leaves them all as they were, and the whole edit can be undone afterwards from the Segments page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed %1 of %2 contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner&apos;s user id (empty: no owner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the tag to add or remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the segment&apos;s contacts…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SegmentContactsModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
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
        <source>Loading more contacts…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SegmentGroupEditor</name>
    <message>
        <source>all of these rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any of these rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this group and its rules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SegmentRuleRow</name>
    <message>
        <source>Remove this rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This rule names a field, a condition or a choice that no longer exists. It is kept as it was saved until you change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a field that no longer exists)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::SegmentsPage</name>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bulk Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Bulk Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new saved filter of contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A bulk edit of a segment&apos;s contacts is running. Cancel it or wait for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the rules to see how many contacts match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the segment “%1”? Its contacts are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) changed. Undo Bulk Edit puts them back.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing the bulk edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Bulk edit undone; %Ln contact(s) changed since were left as they are.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk edit undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the matching contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The matching contacts could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts match these rules.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>The 6 digits your authenticator app shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account uses two-factor authentication: enter the code your authenticator app shows, then sign in.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>outpost::StageEditorDialog</name>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Stage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a name to rename the stage. The board shows the stages in this order; deals in a won or lost stage are closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the stage “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::StatementDialog</name>
    <message>
        <source>Statement of %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the statement as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the statement as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written %1 of %2 lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commission period no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was exported yet.</source>
        <translation type="unfinished"></translation>
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
    <name>outpost::StatementLinesModel</name>
    <message>
        <source>The commission period does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree distance %1 (counting the distributors compression skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>The first sync was stopped; the next sync continues where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something between this device and the server (a proxy?) refused a change of %1 KiB as too large. The change is kept and sent again at the next sync; ask your administrator to raise that limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change is too large to send (about %1 KiB; the server accepts at most %2 KiB in one request), so it can never be delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change is too large to send (about %1 KiB, more than the server accepts in one request), so it can never be delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was undone here: make it smaller and retry it, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its records could not be reloaded from the server, so they keep this device&apos;s values until they are changed there. Make it smaller and retry it, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing the first sync&apos;s indexes…</source>
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
    <message>
        <source>First Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the lists and the search for %L1 records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the team&apos;s data for this device: %L1 of about %L2 records.
You can stop and continue later; what has arrived is kept.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n change(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sync &amp;Problems (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TaskEditDialog</name>
    <message>
        <source>New Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call back, send the offer, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remind me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assigned to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TaskListModel</name>
    <message>
        <source>today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(contact not here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deal not here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TaskMessages</name>
    <message>
        <source>Could not read or save tasks: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TasksPage</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a task for today and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpost</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Deal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Deal: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this task?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing due today. Type a task above and press Enter to add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing overdue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No upcoming tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed tasks show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TimelineModel</name>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::TimelineView</name>
    <message>
        <source>Log Activity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on this timeline yet. Log Activity… records a call, a meeting, an e-mail or a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of this kind on this timeline.</source>
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
    <name>outpost::UplineBreadcrumb</name>
    <message>
        <source>Upline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a distributor to see their upline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… %n more …</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upline (%n levels): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>backup copies the embedded SQLite store. A server on PostgreSQL is backed up with PostgreSQL&apos;s tools: pg_dump --format=custom (a consistent copy while the server runs; restore with pg_restore), or continuous archiving for point-in-time recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy the secret key file %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret key %1 is not in the backup: keep a copy of it apart from the backups (without it, restored accounts need user reset-2fa), or pass --secret-key-to FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists; the key is copied to a new file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret key: copied to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cache-mib must be a number of MiB from 1 to 1048576</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: outpost-server COMMAND [options]
  serve STORE [--config FILE] [--bind ADDR] [--port N] [--cert FILE --key FILE] [--workers N]
        [--cache-mib N]             page cache of a team database&apos;s connections together (default 48)
        [--max-body-bytes N]        largest request body taken (default 16 MiB; larger: 413)
  cert --out DIR [--host NAME]...     make a self-signed certificate for a local trial
  init STORE --team NAME --owner LOGIN [--name NAME]     (password on stdin)
  user add STORE --team NAME --login LOGIN --role ROLE [--name NAME]  (password on stdin)
  user list|disable|enable|reset-2fa STORE --team NAME [--login LOGIN]
  device list STORE --team NAME
  device revoke STORE --team NAME --device ID
  backup --data DIR --to DIR [--secret-key-to FILE]
                                    a consistent copy of every SQLite database, while the server runs;
                                    the secret key only where --secret-key-to says
STORE: --data DIR (embedded SQLite, the default) or --database postgresql://USER:PASSWORD@HOST:PORT/DB
       (PostgreSQL; keep the password off the command line: ~/.pgpass or PGPASSWORD, or for serve the
       config key &quot;database&quot;), and optionally --secret-key FILE: the key that seals two-factor secrets
       (default DIR/secret.key; required with PostgreSQL; made 0600 by init or serve if the store never
       had one; back it up, the secrets cannot be opened without it)
roles: owner, admin, manager, sales, support, finance, compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-body-bytes must be a number of bytes from 1024 to 1073741824</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outpost::server::TeamSchema</name>
    <message>
        <source>This build has schema steps without a PostgreSQL counterpart: %1. It cannot store data in PostgreSQL; use SQLite or a build that has them (sync/server/service/PostgresSchema.cpp).</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>&quot;%1&quot; must be a list of names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of the id and one value per column.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

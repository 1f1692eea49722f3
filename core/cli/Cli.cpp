#include "cli/Cli.h"

#include "audit/AuditLog.h"
#include "cli/CommissionCommands.h"
#include "contacts/ContactRepository.h"
#include "demo/DemoDataLoader.h"
#include "duplicates/ContactMerger.h"
#include "duplicates/DuplicateContacts.h"
#include "duplicates/DuplicateScanner.h"
#include "duplicates/MergeHistory.h"
#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "genealogy/GenealogyRepository.h"
#include "importexport/ContactExporter.h"
#include "importexport/ContactImporter.h"
#include "importexport/ImportHistory.h"
#include "keys/QtKeychainKeyStore.h"
#include "privacy/PersonErasure.h"
#include "privacy/PersonExport.h"
#include "segments/SegmentFilter.h"
#include "segments/SegmentMutators.h"
#include "profile/ProfileManager.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <optional>

namespace outpost::cli {

namespace {

class Cli : public Host
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
public:
    Cli(FILE* in, FILE* out, FILE* err, QList<Command> extra)
        : m_in(in), m_out(out), m_err(err), m_extra(std::move(extra))
    {
    }

    int run(QStringList args);

    // --- Host: what commands from outside core use ---------------------------------------------------
    std::optional<Args> parse(const QStringList& args, const QStringList& valueOptions,
                              const QStringList& flagOptions) override;
    std::unique_ptr<Workspace> openProfile(const Args& a, int* exitCode) override { return open(a, exitCode); }
    KeyStore* keychain() override
    {
        manager();
        return m_keychain.get();
    }
    std::optional<QString> readLine() override { return readPassphrase(); }
    void print(const QString& line) override;
    int usage(const QString& message) override;
    int fail(int code, const QString& message) override;

private:
    void printErr(const QString& line);
    std::optional<QString> readPassphrase();

    // --- commands ----------------------------------------------------------------------------------
    int profileCreate(const QStringList& args);
    int profileInfo(const QStringList& args);
    int profileRekey(const QStringList& args);
    int profilePasswd(const QStringList& args);
    int demo(const QStringList& args);
    int contactsAdd(const QStringList& args);
    int contactsList(const QStringList& args, bool search);
    int verify(const QStringList& args);
    int importFile(const QStringList& args);
    int importUndo(const QStringList& args);
    int importList(const QStringList& args);
    int exportFile(const QStringList& args);
    int duplicates(QStringList args);
    int duplicatesScan(const QStringList& args);
    int duplicatesMerge(const QStringList& args);
    int duplicatesMergeAll(const QStringList& args);
    int duplicatesUndo(const QStringList& args);
    int duplicatesHistory(const QStringList& args);
    int erase(const QStringList& args);
    int personExport(const QStringList& args);
    int segmentsList(const QStringList& args);
    int segmentsSave(const QStringList& args);
    std::optional<int> parseScore(const Args& a, int fallback, int* exitCode);
    int genealogy(QStringList args);
    int genealogyCommand(const QString& sub, const QStringList& args);

    // Unlocks the profile named by --profile; on failure prints the reason and returns nullptr with
    // `exitCode` set. The passphrase read from stdin, if any, is handed back through `passphraseOut`.
    std::unique_ptr<Workspace> open(const Args& a, int* exitCode, QString* passphraseOut = nullptr);
    int exitCodeFor(const Error& e) const;
    ProfileManager& manager();
    QString helpText() const;

    FILE* m_in;
    FILE* m_out;
    FILE* m_err;
    QList<Command> m_extra;
    std::unique_ptr<QtKeychainKeyStore> m_keychain;
    std::unique_ptr<ProfileManager> m_manager;
};

// Waits for an asynchronous callback by running the application's event loop (the CLI has no other
// loop, so this is the top-level loop, not a nested one).
template <typename T>
T await(const std::function<void(std::function<void(T)>)>& start)
{
    std::optional<T> result;
    QEventLoop loop;
    start([&](T value) {
        result.emplace(std::move(value));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

int Cli::run(QStringList args)
{
    if (args.isEmpty())
        return usage(tr("no command given"));
    const QString command = args.takeFirst();
    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        print(QStringLiteral("outpost-cli %1 (Qt %2, SQLCipher %3)")
                  .arg(QStringLiteral(OUTPOST_VERSION), QString::fromLatin1(qVersion()), Database::sqliteVersion()));
        return ExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("help") || command == QLatin1String("-h")) {
        print(helpText());
        return ExitOk;
    }
    if (command == QLatin1String("profile") || command == QLatin1String("contacts")) {
        if (args.isEmpty())
            return usage(tr("\"%1\" needs a subcommand").arg(command));
        const QString sub = args.takeFirst();
        if (command == QLatin1String("profile")) {
            if (sub == QLatin1String("create"))
                return profileCreate(args);
            if (sub == QLatin1String("info"))
                return profileInfo(args);
            if (sub == QLatin1String("rekey"))
                return profileRekey(args);
            if (sub == QLatin1String("passwd"))
                return profilePasswd(args);
        } else {
            if (sub == QLatin1String("add"))
                return contactsAdd(args);
            if (sub == QLatin1String("list"))
                return contactsList(args, false);
            if (sub == QLatin1String("search"))
                return contactsList(args, true);
        }
        return usage(tr("unknown command \"%1 %2\"").arg(command, sub));
    }
    if (command == QLatin1String("demo"))
        return demo(args);
    if (command == QLatin1String("commissions") || command == QLatin1String("commerce")) {
        if (args.isEmpty())
            return usage(tr("\"%1\" needs a subcommand").arg(command));
        const QString sub = args.takeFirst();
        auto a = parse(args, CommissionCommands::valueOptions(), CommissionCommands::flagOptions());
        if (!a)
            return ExitUsage;
        int code = ExitOk;
        auto ws = open(*a, &code);
        if (!ws)
            return code;
        CommissionCommands commands(*ws, [this](const QString& line) { print(line); },
                                    [this](const QString& line) { printErr(line); });
        if (Status s = commands.run(command, sub, a->options, a->flags); !s)
            return s.code() == ErrorCode::InvalidArgument ? usage(s.message()) : fail(exitCodeFor(s.error()), s.message());
        return ExitOk;
    }
    if (command == QLatin1String("verify"))
        return verify(args);
    if (command == QLatin1String("import")) {
        if (!args.isEmpty() && args.first() == QLatin1String("undo"))
            return importUndo(args.mid(1));
        if (!args.isEmpty() && args.first() == QLatin1String("list"))
            return importList(args.mid(1));
        return importFile(args);
    }
    if (command == QLatin1String("export"))
        return exportFile(args);
    if (command == QLatin1String("duplicates"))
        return duplicates(args);
    for (const Command& c : m_extra) {
        if (command == c.name)
            return c.run(args, *this);
    }
    if (command == QLatin1String("genealogy"))
        return genealogy(args);
    if (command == QLatin1String("erase"))
        return erase(args);
    if (command == QLatin1String("segments")) {
        if (!args.isEmpty() && args.first() == QLatin1String("list"))
            return segmentsList(args.mid(1));
        if (!args.isEmpty() && args.first() == QLatin1String("save"))
            return segmentsSave(args.mid(1));
        return usage(tr("\"segments\" needs a subcommand: list or save"));
    }
    if (command == QLatin1String("person")) {
        if (!args.isEmpty() && args.first() == QLatin1String("export"))
            return personExport(args.mid(1));
        return usage(tr("\"person\" needs a subcommand: export"));
    }
    return usage(tr("unknown command \"%1\"").arg(command));
}

QString Cli::helpText() const
{
    QString extra;
    for (const Command& c : m_extra)
        extra += c.help;
    return tr("Usage: outpost-cli <command> [options]\n"
              "\n"
              "Commands:\n"
              "  profile create --profile DIR [--name NAME] [--passphrase-stdin]\n"
              "                      make a new encrypted profile; the key goes to the OS keychain,\n"
              "                      or is wrapped by a passphrase read from standard input\n"
              "  profile info --profile DIR          show what a profile is (no key needed)\n"
              "  profile rekey --profile DIR [--passphrase-stdin]\n"
              "                      re-encrypt the database with a new random key\n"
              "  profile passwd --profile DIR        change the passphrase (old and new on two stdin lines)\n"
              "  demo --profile DIR [--contacts N] [--distributors N] [--seed S] [--passphrase-stdin]\n"
              "                      add N generated demo contacts (default 1000) and distributor trees\n"
              "                      (default none)\n"
              "  contacts add --profile DIR [--first-name X] [--last-name X] [--email X] [--phone X]\n"
              "               [--company X] [--street X] [--postal-code X] [--city X] [--country CC]\n"
              "               [--notes X] [--passphrase-stdin]\n"
              "  contacts list --profile DIR [--limit N] [--offset N] [--json] [--passphrase-stdin]\n"
              "  contacts search --profile DIR TEXT [--limit N] [--json] [--passphrase-stdin]\n"
              "  verify --profile DIR [--passphrase-stdin]\n"
              "                      check the database's integrity and the audit log's hash chain\n"
              "  import --profile DIR FILE [--format csv|vcard] [--map COLUMN=FIELD ...]\n"
              "         [--match email|phone|email,phone|none] [--on-match update|skip] [--errors FILE]\n"
              "         [--encoding NAME] [--delimiter C] [--passphrase-stdin]\n"
              "                      import contacts as one undoable batch; rejected lines are listed\n"
              "                      (and written with their reason to --errors FILE)\n"
              "  import list --profile DIR [--json]   the imports made on this device\n"
              "  import undo --profile DIR BATCH_ID   undo an import (refused if its contacts changed since)\n"
              "  export --profile DIR FILE [--format csv|vcard] [--query TEXT | --segment ID] [--no-bom]\n"
              "                      write all contacts (or the search's or the segment's matches) to a file\n"
              "  duplicates scan --profile DIR [--min-score N] [--limit N] [--json]\n"
              "                      list likely duplicate contacts, best first, with the reasons\n"
              "                      (score 1-100, default 50; --limit default 100, 0 = all)\n"
              "  duplicates merge --profile DIR KEEP_ID REMOVE_ID\n"
              "                      merge REMOVE_ID into KEEP_ID: empty fields of KEEP_ID are filled from\n"
              "                      REMOVE_ID, notes are kept from both, shares and distributor links move\n"
              "  duplicates merge-all --profile DIR [--min-score N]\n"
              "                      scan, then merge every pair scoring N or more (default 85) in one step\n"
              "  duplicates undo --profile DIR [BATCH_ID]\n"
              "                      undo a merge (default: the last one); refused if the contacts changed since\n"
              "  duplicates history --profile DIR [--json]   the merges made on this device\n"
              "%1"
              "  genealogy find --profile DIR TEXT [--limit N] [--json]\n"
              "                      distributors whose name starts with TEXT (or whose id it is)\n"
              "  genealogy upline --profile DIR ID [--tree sponsor|placement] [--json]\n"
              "                      the path from the top of the tree down to distributor ID\n"
              "  genealogy downline --profile DIR ID [--tree T] [--depth N] [--limit N] [--json]\n"
              "                      the people below ID, level by level (default: 1 level, 100 people)\n"
              "  genealogy stats --profile DIR ID [--tree T] [--levels] [--json]\n"
              "                      downline size, depth and biggest legs (--levels: people per level)\n"
              "  genealogy move --profile DIR ID (--to PARENT_ID | --root) --reason TEXT [--tree T]\n"
              "                 [--effective YYYY-MM-DD]\n"
              "                      re-sponsor (or re-place) ID with their whole downline; refused if\n"
              "                      PARENT_ID is in ID's own downline\n"
              "  segments save --profile DIR NAME FILTER_JSON\n"
              "                      save a segment, e.g. '{\"match\":\"all\",\"rules\":[{\"field\":\"city\",\n"
              "                      \"op\":\"equals\",\"value\":\"Lyon\"}]}'; prints its id\n"
              "  segments list --profile DIR       the saved segments with their id and how many contacts match\n"
              "  person export --profile DIR CONTACT_ID FOLDER\n"
              "                      write everything held about a person (JSON + one CSV per section)\n"
              "                      into the new FOLDER\n"
              "  erase --profile DIR CONTACT_ID --yes\n"
              "                      erase a person: their personal values are removed everywhere (records,\n"
              "                      audit log, histories, search index); linked business records stay under\n"
              "                      a pseudonym. Cannot be undone, hence --yes\n"
              "  --version, --help\n"
              "\n"
              "A passphrase is read only from standard input (--passphrase-stdin) or the keychain, never\n"
              "from the command line.\n"
              "Exit codes: 0 ok, 1 failed, 2 usage error, 3 profile not found, 4 wrong key or keychain\n"
              "problem, 5 verification found damage or tampering.")
        .arg(extra)
        + QStringLiteral("\n\n") + CommissionCommands::helpText();
}

std::optional<Args> Cli::parse(const QStringList& args, const QStringList& valueOptions,
                               const QStringList& flagOptions)
{
    Args a;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg.startsWith(QLatin1String("--"))) {
            QString name = arg.mid(2);
            QString value;
            bool hasInlineValue = false;
            if (const int eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                hasInlineValue = true;
            }
            if (name == QLatin1String("passphrase")) {
                usage(tr("a passphrase is never taken from the command line; use --passphrase-stdin"));
                return std::nullopt;
            }
            if (flagOptions.contains(name)) {
                if (hasInlineValue) {
                    usage(tr("option --%1 takes no value").arg(name));
                    return std::nullopt;
                }
                a.flags.insert(name);
            } else if (valueOptions.contains(name)) {
                if (!hasInlineValue) {
                    if (i + 1 >= args.size()) {
                        usage(tr("option --%1 needs a value").arg(name));
                        return std::nullopt;
                    }
                    value = args.at(++i);
                }
                a.options.insert(name, value);
            } else {
                usage(tr("unknown option --%1").arg(name));
                return std::nullopt;
            }
        } else {
            a.positional << arg;
        }
    }
    return a;
}

int Cli::usage(const QString& message)
{
    printErr(tr("outpost-cli: %1 (see outpost-cli --help)").arg(message));
    return ExitUsage;
}

int Cli::fail(int code, const QString& message)
{
    QString oneLine = message;
    oneLine.replace(QLatin1Char('\n'), QLatin1Char(' '));
    printErr(tr("outpost-cli: %1").arg(oneLine));
    return code;
}

void Cli::print(const QString& line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), m_out);
    std::fflush(m_out);
}

void Cli::printErr(const QString& line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), m_err);
    std::fflush(m_err);
}

std::optional<QString> Cli::readPassphrase()
{
    char buf[4096];
    if (!std::fgets(buf, sizeof buf, m_in))
        return std::nullopt;
    QByteArray line(buf);
    std::fill(std::begin(buf), std::end(buf), '\0');
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    QString pass = QString::fromUtf8(line);
    line.fill('\0');
    return pass;
}

ProfileManager& Cli::manager()
{
    if (!m_manager) {
        m_keychain = std::make_unique<QtKeychainKeyStore>();
        m_manager = std::make_unique<ProfileManager>(m_keychain.get());
    }
    return *m_manager;
}

int Cli::exitCodeFor(const Error& e) const
{
    switch (e.code) {
    case ErrorCode::NotFound:
        return ExitNotFound;
    case ErrorCode::WrongKey:
    case ErrorCode::KeychainUnavailable:
    case ErrorCode::KeychainDenied:
        return ExitKey;
    case ErrorCode::InvalidArgument:
        return ExitUsage;
    default:
        return ExitFailure;
    }
}

std::unique_ptr<Workspace> Cli::open(const Args& a, int* exitCode, QString* passphraseOut)
{
    const QString dir = a.options.value(QStringLiteral("profile"));
    if (dir.isEmpty()) {
        *exitCode = usage(tr("--profile DIR is required"));
        return nullptr;
    }
    auto info = ProfileInfo::read(dir);
    if (!info) {
        *exitCode = fail(info.code() == ErrorCode::NotFound ? ExitNotFound : ExitFailure, info.message());
        return nullptr;
    }
    QString passphrase;
    if (info->protection == KeyProtection::Passphrase) {
        if (!a.flags.contains(QStringLiteral("passphrase-stdin"))) {
            *exitCode = fail(ExitKey, tr("profile \"%1\" is protected by a passphrase; give it on standard input "
                                         "with --passphrase-stdin")
                                          .arg(info->name));
            return nullptr;
        }
        auto p = readPassphrase();
        if (!p) {
            *exitCode = fail(ExitKey, tr("no passphrase on standard input"));
            return nullptr;
        }
        passphrase = *p;
    }
    using R = Result<std::unique_ptr<Workspace>>;
    R ws = await<R>([&](std::function<void(R)> done) { manager().unlock(info.value(), passphrase, std::move(done)); });
    if (!ws) {
        *exitCode = fail(exitCodeFor(ws.error()), ws.message());
        return nullptr;
    }
    if (passphraseOut)
        *passphraseOut = passphrase;
    return std::move(ws.value());
}

int Cli::profileCreate(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile"), QStringLiteral("name"), QStringLiteral("kdf-iterations")},
                   {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    ProfileManager::NewProfile req;
    req.dir = a->options.value(QStringLiteral("profile"));
    if (req.dir.isEmpty())
        return usage(tr("--profile DIR is required"));
    req.name = a->options.value(QStringLiteral("name"), QFileInfo(req.dir).fileName());
    if (a->options.contains(QStringLiteral("kdf-iterations"))) {
        bool ok = false;
        req.kdfIterations = a->options.value(QStringLiteral("kdf-iterations")).toInt(&ok);
        if (!ok || req.kdfIterations < 256000)
            return usage(tr("--kdf-iterations must be a number of at least 256000"));
    }
    if (a->flags.contains(QStringLiteral("passphrase-stdin"))) {
        auto p = readPassphrase();
        if (!p || p->isEmpty())
            return fail(ExitKey, tr("no passphrase on standard input"));
        req.protection = KeyProtection::Passphrase;
        req.passphrase = *p;
    } else {
        req.protection = KeyProtection::Keychain;
    }
    using R = Result<std::unique_ptr<Workspace>>;
    R ws = await<R>([&](std::function<void(R)> done) { manager().create(req, std::move(done)); });
    if (!ws)
        return fail(exitCodeFor(ws.error()) == ExitNotFound ? ExitFailure : exitCodeFor(ws.error()), ws.message());
    print(tr("Created profile \"%1\" in %2 (key in %3).")
              .arg(ws.value()->info().name, QDir::toNativeSeparators(ws.value()->info().dir),
                   req.protection == KeyProtection::Keychain ? tr("the OS keychain") : tr("a passphrase-wrapped key file")));
    return ExitOk;
}

int Cli::profileInfo(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("json")});
    if (!a)
        return ExitUsage;
    const QString dir = a->options.value(QStringLiteral("profile"));
    if (dir.isEmpty())
        return usage(tr("--profile DIR is required"));
    auto info = ProfileInfo::read(dir);
    if (!info)
        return fail(info.code() == ErrorCode::NotFound ? ExitNotFound : ExitFailure, info.message());
    const QString protection = info->protection == KeyProtection::Keychain ? QStringLiteral("keychain") : QStringLiteral("passphrase");
    if (a->flags.contains(QStringLiteral("json"))) {
        print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), info->id},
                                                         {QStringLiteral("name"), info->name},
                                                         {QStringLiteral("keyProtection"), protection},
                                                         {QStringLiteral("createdAt"), double(info->createdAt)},
                                                         {QStringLiteral("dir"), info->dir}})
                                    .toJson(QJsonDocument::Compact)));
    } else {
        print(tr("Name:        %1").arg(info->name));
        print(tr("Id:          %1").arg(info->id));
        print(tr("Key:         %1").arg(protection));
        print(tr("Created:     %1").arg(QDateTime::fromMSecsSinceEpoch(info->createdAt, Qt::UTC).toString(Qt::ISODate)));
        print(tr("Database:    %1").arg(QDir::toNativeSeparators(info->databasePath())));
    }
    return ExitOk;
}

int Cli::profileRekey(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    // For a passphrase profile the same passphrase wraps the new key: read it once, use it twice.
    int code = ExitOk;
    QString passphrase;
    auto ws = open(*a, &code, &passphrase);
    if (!ws)
        return code;
    Status s = await<Status>([&](std::function<void(Status)> done) { manager().rotateKey(*ws, passphrase, std::move(done)); });
    if (!s)
        return fail(exitCodeFor(s.error()), s.message());
    print(tr("The database was re-encrypted with a new key."));
    return ExitOk;
}

int Cli::profilePasswd(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    const QString dir = a->options.value(QStringLiteral("profile"));
    if (dir.isEmpty())
        return usage(tr("--profile DIR is required"));
    auto info = ProfileInfo::read(dir);
    if (!info)
        return fail(info.code() == ErrorCode::NotFound ? ExitNotFound : ExitFailure, info.message());
    auto oldPass = readPassphrase();
    auto newPass = readPassphrase();
    if (!oldPass || !newPass)
        return fail(ExitKey, tr("give the current and the new passphrase on two lines of standard input"));
    Status s = await<Status>([&](std::function<void(Status)> done) {
        manager().changePassphrase(info.value(), *oldPass, *newPass, std::move(done));
    });
    if (!s)
        return fail(exitCodeFor(s.error()), s.message());
    print(tr("The passphrase was changed."));
    return ExitOk;
}

int Cli::demo(const QStringList& args)
{
    auto a = parse(args,
                   {QStringLiteral("profile"), QStringLiteral("contacts"), QStringLiteral("seed"),
                    QStringLiteral("distributors")},
                   {QStringLiteral("passphrase-stdin"), QStringLiteral("quiet")});
    if (!a)
        return ExitUsage;
    DemoDataLoader::Options o;
    bool ok = true;
    const qint64 distributors = a->options.value(QStringLiteral("distributors"), QStringLiteral("0")).toLongLong(&ok);
    if (!ok || distributors < 0 || distributors > 2'000'000)
        return usage(tr("--distributors must be a number from 0 to 2000000"));
    if (a->options.contains(QStringLiteral("contacts")))
        o.contacts = a->options.value(QStringLiteral("contacts")).toLongLong(&ok);
    if (!ok || o.contacts < 0 || o.contacts > 10'000'000)
        return usage(tr("--contacts must be a number from 0 to 10000000"));
    if (a->options.contains(QStringLiteral("seed")))
        o.seed = a->options.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usage(tr("--seed must be a non-negative number"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    auto existing = ws->contacts().count();
    o.firstIndex = existing ? existing.value() : 0; // adding more continues the same generated population
    QElapsedTimer timer;
    timer.start();
    const bool quiet = a->flags.contains(QStringLiteral("quiet"));
    auto loaded = DemoDataLoader::loadContacts(*ws, o, [&](qint64 done, qint64 total) {
        if (!quiet)
            printErr(tr("%1 of %2 contacts…").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    if (!loaded)
        return fail(ExitFailure, loaded.message());
    print(tr("Added %1 demo contacts in %2 s.").arg(loaded.value()).arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    if (distributors > 0) {
        timer.restart();
        GenealogyBulkLoader loader(ws->database(), ws->info().name);
        auto trees = loader.load(DemoGenealogy(o.seed).generate(int(distributors)), ws->clock().nowMs());
        if (!trees)
            return fail(ExitFailure, trees.message());
        print(tr("Added %1 demo distributors in %2 s.")
                  .arg(trees.value())
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    }
    return ExitOk;
}

int Cli::contactsAdd(const QStringList& args)
{
    static const QList<QPair<QString, QString>> options = {
        {QStringLiteral("first-name"), QStringLiteral("firstName")}, {QStringLiteral("last-name"), QStringLiteral("lastName")},
        {QStringLiteral("email"), QStringLiteral("email")},           {QStringLiteral("phone"), QStringLiteral("phone")},
        {QStringLiteral("company"), QStringLiteral("company")},       {QStringLiteral("street"), QStringLiteral("street")},
        {QStringLiteral("postal-code"), QStringLiteral("postalCode")}, {QStringLiteral("city"), QStringLiteral("city")},
        {QStringLiteral("country"), QStringLiteral("country")},       {QStringLiteral("notes"), QStringLiteral("notes")},
    };
    QStringList valueOptions{QStringLiteral("profile")};
    for (const auto& o : options)
        valueOptions << o.first;
    auto a = parse(args, valueOptions, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    QJsonObject fields;
    for (const auto& o : options) {
        if (a->options.contains(o.first))
            fields.insert(o.second, a->options.value(o.first));
    }
    if (fields.isEmpty())
        return usage(tr("give at least one field, e.g. --first-name and --last-name"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    const QString id = newUuidV7();
    auto m = ws->mutations().submit(QStringLiteral("contact.create"),
                                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
    if (!m)
        return fail(exitCodeFor(m.error()), m.message());
    print(id);
    return ExitOk;
}

int Cli::contactsList(const QStringList& args, bool search)
{
    auto a = parse(args, {QStringLiteral("profile"), QStringLiteral("limit"), QStringLiteral("offset")},
                   {QStringLiteral("passphrase-stdin"), QStringLiteral("json")});
    if (!a)
        return ExitUsage;
    if (search && a->positional.size() != 1)
        return usage(tr("contacts search takes exactly one search text (quote it if it has spaces)"));
    if (!search && !a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    bool ok = true;
    const int limit = a->options.value(QStringLiteral("limit"), QStringLiteral("50")).toInt(&ok);
    if (!ok || limit < 1 || limit > 1'000'000)
        return usage(tr("--limit must be a number from 1 to 1000000"));
    const qint64 offset = a->options.value(QStringLiteral("offset"), QStringLiteral("0")).toLongLong(&ok);
    if (!ok || offset < 0)
        return usage(tr("--offset must be zero or more"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    auto rows = search ? ws->contacts().search(ContactQuery::parse(a->positional.first()), std::nullopt, limit)
                       : ws->contacts().pageAt(offset, limit);
    if (!rows)
        return fail(ExitFailure, rows.message());
    const bool json = a->flags.contains(QStringLiteral("json"));
    if (!json)
        print(tr("ID\tNAME\tE-MAIL\tPHONE\tCOMPANY\tCITY"));
    for (const auto& r : rows.value()) {
        if (json) {
            print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), r.id},
                                                             {QStringLiteral("firstName"), r.firstName},
                                                             {QStringLiteral("lastName"), r.lastName},
                                                             {QStringLiteral("email"), r.email},
                                                             {QStringLiteral("phone"), r.phone},
                                                             {QStringLiteral("company"), r.company},
                                                             {QStringLiteral("city"), r.city},
                                                             {QStringLiteral("country"), r.country}})
                                        .toJson(QJsonDocument::Compact)));
        } else {
            print(QStringList{r.id, r.displayName(), r.email, r.phone, r.company, r.city}.join(QLatin1Char('\t')));
        }
    }
    return ExitOk;
}

int Cli::verify(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    print(tr("SQLCipher %1, schema %2").arg(ws->database().cipherVersion()).arg(ws->database().schemaVersion()));
    if (Status s = ws->database().integrityCheck(); !s)
        return fail(ExitVerifyFailed, tr("database integrity: %1").arg(s.message()));
    print(tr("Database integrity: ok"));
    QSqlDatabase conn = ws->database().connection();
    auto report = AuditLog::verify(conn);
    if (!report)
        return fail(ExitFailure, report.message());
    if (!report->intact)
        return fail(ExitVerifyFailed, tr("audit log: %1 (%2 entries before it are intact)").arg(report->problem).arg(report->checked));
    print(tr("Audit log: ok (%1 entries, hash chain intact)").arg(report->checked));
    return ExitOk;
}


namespace {
// Removes every "--NAME VALUE" / "--NAME=VALUE" from args and returns the values (options given more
// than once, which parse() does not take).
QStringList takeRepeated(QStringList* args, const QString& name, bool* missingValue)
{
    QStringList values;
    const QString flag = QStringLiteral("--") + name;
    for (int i = 0; i < args->size();) {
        const QString& a = args->at(i);
        if (a == flag) {
            if (i + 1 >= args->size()) {
                *missingValue = true;
                args->removeAt(i);
                continue;
            }
            values << args->at(i + 1);
            args->remove(i, 2);
        } else if (a.startsWith(flag + QLatin1Char('='))) {
            values << a.mid(flag.size() + 1);
            args->removeAt(i);
        } else {
            ++i;
        }
    }
    return values;
}
} // namespace

int Cli::importFile(const QStringList& rawArgs)
{
    QStringList args = rawArgs;
    bool missing = false;
    const QStringList maps = takeRepeated(&args, QStringLiteral("map"), &missing);
    if (missing)
        return usage(tr("option --map needs a value (COLUMN=FIELD)"));
    auto a = parse(args,
                   {QStringLiteral("profile"), QStringLiteral("format"), QStringLiteral("match"), QStringLiteral("on-match"),
                    QStringLiteral("errors"), QStringLiteral("encoding"), QStringLiteral("delimiter")},
                   {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 1)
        return usage(tr("import takes exactly one file (or \"import list\", \"import undo BATCH_ID\")"));
    const QString path = a->positional.first();
    if (!QFileInfo::exists(path))
        return fail(ExitNotFound, tr("there is no file %1").arg(path));

    ContactImporter::Options o;
    const QString format = a->options.value(QStringLiteral("format"));
    if (format == QLatin1String("csv"))
        o.format = ImportFormat::Csv;
    else if (format == QLatin1String("vcard") || format == QLatin1String("vcf"))
        o.format = ImportFormat::VCard;
    else if (!format.isEmpty())
        return usage(tr("--format must be csv or vcard"));
    const QString match = a->options.value(QStringLiteral("match"), QStringLiteral("email"));
    o.matchEmail = o.matchPhone = false;
    for (const QString& m : match.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (m.trimmed() == QLatin1String("email"))
            o.matchEmail = true;
        else if (m.trimmed() == QLatin1String("phone"))
            o.matchPhone = true;
        else if (m.trimmed() != QLatin1String("none"))
            return usage(tr("--match must be email, phone, email,phone or none"));
    }
    const QString onMatch = a->options.value(QStringLiteral("on-match"), QStringLiteral("update"));
    if (onMatch == QLatin1String("update"))
        o.onMatch = ContactImporter::OnMatch::Update;
    else if (onMatch == QLatin1String("skip"))
        o.onMatch = ContactImporter::OnMatch::Skip;
    else
        return usage(tr("--on-match must be update or skip"));
    if (a->options.contains(QStringLiteral("encoding"))) {
        auto e = textEncodingFromName(a->options.value(QStringLiteral("encoding")));
        if (!e)
            return usage(tr("unknown encoding \"%1\" (try UTF-8, UTF-16LE, windows-1252, ISO-8859-1)")
                             .arg(a->options.value(QStringLiteral("encoding"))));
        o.encoding = *e;
    }
    if (a->options.contains(QStringLiteral("delimiter"))) {
        QString d = a->options.value(QStringLiteral("delimiter"));
        if (d == QLatin1String("tab") || d == QLatin1String("\\t"))
            d = QStringLiteral("\t");
        if (d.size() != 1)
            return usage(tr("--delimiter must be one character (or \"tab\")"));
        o.delimiter = d.at(0);
    }
    o.errorFilePath = a->options.value(QStringLiteral("errors"));

    if (!maps.isEmpty()) {
        // Start from the guesses and apply the user's corrections.
        auto preview = ContactImporter::preview(path, o, 0);
        if (!preview)
            return fail(ExitFailure, preview.message());
        ColumnMapping mapping = preview->mapping;
        for (const QString& m : maps) {
            if (Status s = mapping.apply(m); !s)
                return usage(s.message());
        }
        o.mapping = mapping;
    }

    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    ContactImporter importer(ws->database(), ws->mutations());
    auto report = importer.importFile(path, o);
    if (!report)
        return fail(exitCodeFor(report.error()) == ExitNotFound ? ExitFailure : exitCodeFor(report.error()),
                    report.message());
    const ImportReport& r = report.value();
    if (r.format == ImportFormat::Csv)
        print(tr("Read %1 (CSV, %2, delimiter %3): %4")
                  .arg(QFileInfo(path).fileName(), textEncodingName(r.encoding),
                       r.delimiter == QLatin1Char('\t') ? tr("tab") : QStringLiteral("\"%1\"").arg(r.delimiter),
                       r.mapping.describe()));
    else
        print(tr("Read %1 (vCard).").arg(QFileInfo(path).fileName()));
    for (const QString& w : r.warnings)
        print(tr("Warning: %1").arg(w));
    for (const ImportRejection& rej : r.rejections) {
        QString reason = rej.reason;
        reason.replace(QLatin1Char('\n'), QLatin1Char(' '));
        print(tr("Rejected: %1").arg(reason));
    }
    if (r.rejected > r.rejections.size())
        print(tr("… and %1 more rejected lines.").arg(r.rejected - r.rejections.size()));
    print(tr("%1 created, %2 updated, %3 skipped, %4 rejected.").arg(r.created).arg(r.updated).arg(r.skipped).arg(r.rejected));
    if (!o.errorFilePath.isEmpty() && r.rejected > 0)
        print(tr("Rejected lines with their reasons: %1").arg(QDir::toNativeSeparators(o.errorFilePath)));
    if (!r.batchId.isEmpty())
        print(tr("Import batch %1 (undo with: outpost-cli import undo %1)").arg(r.batchId));
    if (r.created + r.updated + r.skipped == 0)
        return fail(ExitFailure, r.records == 0 ? tr("the file holds no contacts") : tr("nothing could be imported"));
    return ExitOk;
}

int Cli::importUndo(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 1)
        return usage(tr("import undo takes exactly one BATCH_ID (see \"import list\")"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    ImportHistory history(ws->database(), ws->mutations());
    auto r = history.undo(a->positional.first());
    if (!r)
        return fail(r.code() == ErrorCode::NotFound ? ExitNotFound : ExitFailure, r.message());
    print(tr("Undone: %1 contacts removed, %2 restored.").arg(r->deleted).arg(r->restored));
    return ExitOk;
}

int Cli::importList(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin"), QStringLiteral("json")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    ImportHistory history(ws->database(), ws->mutations());
    auto list = history.list(1000);
    if (!list)
        return fail(ExitFailure, list.message());
    const bool json = a->flags.contains(QStringLiteral("json"));
    if (!json)
        print(tr("ID\tSTARTED\tFILE\tFORMAT\tCREATED\tUPDATED\tSKIPPED\tREJECTED\tSTATE"));
    for (const ImportBatchInfo& b : list.value()) {
        const QString started = QDateTime::fromMSecsSinceEpoch(b.startedAt, Qt::UTC).toString(Qt::ISODate);
        const QString state = b.undone ? QStringLiteral("undone") : QStringLiteral("active");
        if (json) {
            print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), b.id},
                                                             {QStringLiteral("startedAt"), double(b.startedAt)},
                                                             {QStringLiteral("fileName"), b.fileName},
                                                             {QStringLiteral("format"), b.format},
                                                             {QStringLiteral("created"), double(b.created)},
                                                             {QStringLiteral("updated"), double(b.updated)},
                                                             {QStringLiteral("skipped"), double(b.skipped)},
                                                             {QStringLiteral("rejected"), double(b.rejected)},
                                                             {QStringLiteral("state"), state}})
                                        .toJson(QJsonDocument::Compact)));
        } else {
            print(QStringList{b.id, started, b.fileName, b.format, QString::number(b.created), QString::number(b.updated),
                              QString::number(b.skipped), QString::number(b.rejected), state}
                      .join(QLatin1Char('\t')));
        }
    }
    return ExitOk;
}

int Cli::exportFile(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile"), QStringLiteral("format"), QStringLiteral("query"), QStringLiteral("segment")},
                   {QStringLiteral("passphrase-stdin"), QStringLiteral("no-bom")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 1)
        return usage(tr("export takes exactly one output FILE"));
    const QString path = a->positional.first();
    ContactExporter::Options o;
    QString format = a->options.value(QStringLiteral("format"));
    if (format.isEmpty()) {
        const QString suffix = QFileInfo(path).suffix().toLower();
        format = suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard") ? QStringLiteral("vcard")
                                                                                     : QStringLiteral("csv");
    }
    if (format == QLatin1String("csv"))
        o.format = ContactExporter::Format::Csv;
    else if (format == QLatin1String("vcard") || format == QLatin1String("vcf"))
        o.format = ContactExporter::Format::VCard;
    else
        return usage(tr("--format must be csv or vcard"));
    o.csvBom = !a->flags.contains(QStringLiteral("no-bom"));
    o.query = a->options.value(QStringLiteral("query"));
    const QString segmentId = a->options.value(QStringLiteral("segment"));
    if (!segmentId.isEmpty() && !o.query.isEmpty())
        return usage(tr("give --query or --segment, not both"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    if (!segmentId.isEmpty()) {
        QSqlDatabase conn = ws->database().connection();
        auto segment = Segments::find(conn, segmentId);
        if (!segment)
            return fail(ExitFailure, segment.message());
        if (!segment->has_value())
            return fail(ExitNotFound, tr("there is no segment %1 (see \"segments list\")").arg(segmentId));
        auto fields = SegmentFields::forDatabase(conn);
        if (!fields)
            return fail(ExitFailure, fields.message());
        auto sql = SegmentFilter::compile(segment->value().definition, QDateTime::currentMSecsSinceEpoch(), fields.value());
        if (!sql)
            return fail(ExitFailure, sql.message());
        o.segment = sql.value();
    }
    ContactExporter exporter(ws->database());
    auto n = exporter.exportFile(path, o);
    if (!n)
        return fail(ExitFailure, n.message());
    print(tr("Exported %1 contacts to %2.").arg(n.value()).arg(QDir::toNativeSeparators(path)));
    return ExitOk;
}

int Cli::erase(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin"), QStringLiteral("yes")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 1 || !isUuid(a->positional.first()))
        return usage(tr("erase takes exactly one CONTACT_ID"));
    if (!a->flags.contains(QStringLiteral("yes")))
        return usage(tr("erasing a person cannot be undone; add --yes to confirm"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    QString warning;
    auto pseudonym = PersonErasure::erase(ws->database(), ws->mutations(), a->positional.first(), &warning);
    if (!pseudonym)
        return fail(exitCodeFor(pseudonym.error()), pseudonym.message());
    if (!warning.isEmpty())
        printErr(warning);
    print(tr("Erased %1: the person's records are now called %2.").arg(a->positional.first(), pseudonym.value()));
    return ExitOk;
}

int Cli::personExport(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 2 || !isUuid(a->positional.first()))
        return usage(tr("person export takes a CONTACT_ID and a new FOLDER"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    QSqlDatabase conn = ws->database().connection();
    auto summary = PersonExport::write(conn, a->positional.at(0), a->positional.at(1),
                                       QDateTime::currentMSecsSinceEpoch());
    if (!summary)
        return fail(exitCodeFor(summary.error()), summary.message());
    print(tr("Exported %1 records about %2 to %3.")
              .arg(summary->rows)
              .arg(a->positional.at(0), QDir::toNativeSeparators(summary->folder)));
    return ExitOk;
}

int Cli::segmentsSave(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 2)
        return usage(tr("segments save takes a NAME and a FILTER_JSON"));
    QJsonParseError parseError;
    const QJsonDocument filter = QJsonDocument::fromJson(a->positional.at(1).toUtf8(), &parseError);
    if (!filter.isObject())
        return usage(tr("the filter is not a JSON object: %1").arg(parseError.errorString()));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    const QString id = newUuidV7();
    auto m = ws->mutations().submit(QStringLiteral("segment.save"), QJsonObject{{QStringLiteral("id"), id},
                                                                                {QStringLiteral("name"), a->positional.at(0)},
                                                                                {QStringLiteral("definition"), filter.object()}});
    if (!m)
        return fail(exitCodeFor(m.error()), m.message());
    print(id);
    return ExitOk;
}

int Cli::segmentsList(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    QSqlDatabase conn = ws->database().connection();
    auto list = Segments::list(conn);
    if (!list)
        return fail(ExitFailure, list.message());
    auto fields = SegmentFields::forDatabase(conn);
    if (!fields)
        return fail(ExitFailure, fields.message());
    print(tr("ID\tNAME\tCONTACTS"));
    for (const Segment& s : list.value()) {
        auto sql = SegmentFilter::compile(s.definition, QDateTime::currentMSecsSinceEpoch(), fields.value());
        auto n = sql ? SegmentFilter::count(conn, sql.value()) : Result<qint64>(sql.error());
        print(QStringList{s.id, s.name, n ? QString::number(n.value()) : n.message()}.join(QLatin1Char('\t')));
    }
    return ExitOk;
}

int Cli::duplicates(QStringList args)
{
    if (args.isEmpty())
        return usage(tr("\"duplicates\" needs a subcommand: scan, merge, merge-all, undo or history"));
    const QString sub = args.takeFirst();
    if (sub == QLatin1String("scan"))
        return duplicatesScan(args);
    if (sub == QLatin1String("merge"))
        return duplicatesMerge(args);
    if (sub == QLatin1String("merge-all"))
        return duplicatesMergeAll(args);
    if (sub == QLatin1String("undo"))
        return duplicatesUndo(args);
    if (sub == QLatin1String("history"))
        return duplicatesHistory(args);
    return usage(tr("unknown command \"duplicates %1\"").arg(sub));
}

std::optional<int> Cli::parseScore(const Args& a, int fallback, int* exitCode)
{
    if (!a.options.contains(QStringLiteral("min-score")))
        return fallback;
    bool ok = false;
    const int score = a.options.value(QStringLiteral("min-score")).toInt(&ok);
    if (!ok || score < 1 || score > 100) {
        *exitCode = usage(tr("--min-score must be a number from 1 to 100"));
        return std::nullopt;
    }
    return score;
}

int Cli::duplicatesScan(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile"), QStringLiteral("min-score"), QStringLiteral("limit")},
                   {QStringLiteral("passphrase-stdin"), QStringLiteral("json")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    int code = ExitOk;
    const std::optional<int> minScore = parseScore(*a, DuplicateScoring::kDefaultMinScore, &code);
    if (!minScore)
        return code;
    bool ok = true;
    const int limit = a->options.value(QStringLiteral("limit"), QStringLiteral("100")).toInt(&ok);
    if (!ok || limit < 0)
        return usage(tr("--limit must be zero (all) or a positive number"));
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    DuplicateScanner::Options o;
    o.minScore = *minScore;
    o.limit = limit;
    auto result = DuplicateScanner(ws->database()).scan(o);
    if (!result)
        return fail(ExitFailure, result.message());
    QList<qint64> rids;
    for (const DuplicatePair& p : result->pairs)
        rids << p.ridA << p.ridB;
    auto contacts = DuplicateContacts::byRid(ws->database().connection(), rids);
    if (!contacts)
        return fail(ExitFailure, contacts.message());
    const bool json = a->flags.contains(QStringLiteral("json"));
    if (!json)
        print(tr("SCORE\tID\tNAME\tDUPLICATE ID\tDUPLICATE NAME\tREASONS"));
    for (const DuplicatePair& p : result->pairs) {
        const Contact first = contacts->value(p.ridA);
        const Contact second = contacts->value(p.ridB);
        const QStringList reasons = p.reasonTexts();
        if (json) {
            print(QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("score"), p.score},
                                          {QStringLiteral("first"), QJsonObject{{QStringLiteral("id"), first.id},
                                                                                {QStringLiteral("name"), first.displayName()}}},
                                          {QStringLiteral("second"), QJsonObject{{QStringLiteral("id"), second.id},
                                                                                 {QStringLiteral("name"), second.displayName()}}},
                                          {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}})
                    .toJson(QJsonDocument::Compact)));
        } else {
            print(QStringList{QString::number(p.score), first.id, first.displayName(), second.id, second.displayName(),
                              reasons.join(QStringLiteral(", "))}
                      .join(QLatin1Char('\t')));
        }
    }
    if (!json) {
        print(tr("%1 possible duplicates among %2 contacts (score %3 or more).")
                  .arg(result->pairs.size())
                  .arg(result->contacts)
                  .arg(*minScore));
        if (result->truncated)
            print(tr("Only the best %1 are listed; raise --min-score or --limit to see others.").arg(result->pairs.size()));
    }
    return ExitOk;
}

int Cli::duplicatesMerge(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 2)
        return usage(tr("duplicates merge takes two contact ids: KEEP_ID REMOVE_ID"));
    const QString keepId = a->positional.at(0), removeId = a->positional.at(1);
    if (!isUuid(keepId) || !isUuid(removeId))
        return usage(tr("\"%1\" is not a contact id").arg(isUuid(keepId) ? removeId : keepId));
    if (keepId == removeId)
        return usage(tr("a contact cannot be merged with itself"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    QSqlDatabase conn = ws->database().connection();
    auto keep = DuplicateContacts::byId(conn, keepId);
    auto remove = DuplicateContacts::byId(conn, removeId);
    if (!keep || !remove)
        return fail(ExitFailure, !keep ? keep.message() : remove.message());
    if (!keep.value() || !remove.value())
        return fail(ExitNotFound, tr("there is no contact %1").arg(!keep.value() ? keepId : removeId));
    const MergePlan plan = MergePlan::keeping(*keep.value(), *remove.value());
    ContactMerger::Request request;
    request.keepId = keepId;
    request.removeId = removeId;
    request.values = plan.values;
    request.score = DuplicateScoring::match(*keep.value(), *remove.value()).score;
    auto r = ContactMerger(ws->database(), ws->mutations()).merge(request);
    if (!r)
        return fail(exitCodeFor(r.error()), r.message());
    print(tr("Merged \"%1\" into \"%2\".").arg(remove.value()->displayName(), keep.value()->displayName()));
    print(tr("Merge %1 (undo with: outpost-cli duplicates undo %1)").arg(r->batchId));
    return ExitOk;
}

int Cli::duplicatesMergeAll(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile"), QStringLiteral("min-score")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    int code = ExitOk;
    const std::optional<int> minScore = parseScore(*a, DuplicateScoring::kConfidentScore, &code);
    if (!minScore)
        return code;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    DuplicateScanner::Options scan;
    scan.minScore = *minScore;
    auto pairs = DuplicateScanner(ws->database()).scan(scan);
    if (!pairs)
        return fail(ExitFailure, pairs.message());
    ContactMerger::BulkOptions o;
    o.minScore = *minScore;
    auto r = ContactMerger(ws->database(), ws->mutations()).mergeAll(pairs->pairs, o);
    if (!r)
        return fail(exitCodeFor(r.error()), r.message());
    for (const QString& problem : r->problems)
        print(tr("Not merged: %1").arg(problem));
    print(tr("%1 merged, %2 skipped, %3 refused (of %4 pairs scoring %5 or more).")
              .arg(r->merged)
              .arg(r->skipped)
              .arg(r->failed)
              .arg(pairs->pairs.size())
              .arg(*minScore));
    if (!r->batchId.isEmpty())
        print(tr("Merge %1 (undo with: outpost-cli duplicates undo %1)").arg(r->batchId));
    return ExitOk;
}

int Cli::duplicatesUndo(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() > 1)
        return usage(tr("duplicates undo takes at most one BATCH_ID (see \"duplicates history\")"));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    MergeHistory history(ws->database(), ws->mutations());
    QString batchId = a->positional.value(0);
    if (batchId.isEmpty()) {
        auto last = history.lastActive();
        if (!last)
            return fail(ExitFailure, last.message());
        if (!last.value())
            return fail(ExitFailure, tr("there is no merge to undo"));
        batchId = last.value()->id;
    }
    auto r = history.undo(batchId);
    if (!r)
        return fail(r.code() == ErrorCode::NotFound ? ExitNotFound : ExitFailure, r.message());
    print(tr("Undone: %1 merged contacts are back.").arg(r->restored));
    return ExitOk;
}

int Cli::duplicatesHistory(const QStringList& args)
{
    auto a = parse(args, {QStringLiteral("profile")}, {QStringLiteral("passphrase-stdin"), QStringLiteral("json")});
    if (!a)
        return ExitUsage;
    if (!a->positional.isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(a->positional.first()));
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    auto list = MergeHistory(ws->database(), ws->mutations()).list(1000);
    if (!list)
        return fail(ExitFailure, list.message());
    const bool json = a->flags.contains(QStringLiteral("json"));
    if (!json)
        print(tr("ID\tMERGED\tKIND\tMERGES\tFIRST\tSTATE"));
    for (const MergeBatchInfo& b : list.value()) {
        const QString at = QDateTime::fromMSecsSinceEpoch(b.mergedAt, Qt::UTC).toString(Qt::ISODate);
        const QString state = b.undone ? QStringLiteral("undone") : QStringLiteral("active");
        const QString first = tr("\"%1\" into \"%2\"").arg(b.removedName, b.keptName);
        if (json) {
            print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), b.id},
                                                             {QStringLiteral("mergedAt"), double(b.mergedAt)},
                                                             {QStringLiteral("kind"), b.kind},
                                                             {QStringLiteral("merges"), double(b.merges)},
                                                             {QStringLiteral("kept"), b.keptName},
                                                             {QStringLiteral("removed"), b.removedName},
                                                             {QStringLiteral("state"), state}})
                                        .toJson(QJsonDocument::Compact)));
        } else {
            print(QStringList{b.id, at, b.kind, QString::number(b.merges), first, state}.join(QLatin1Char('\t')));
        }
    }
    return ExitOk;
}

int Cli::genealogy(QStringList args)
{
    if (args.isEmpty())
        return usage(tr("\"genealogy\" needs a subcommand: find, upline, downline, stats or move"));
    const QString sub = args.takeFirst();
    static const QStringList subs = {QStringLiteral("find"), QStringLiteral("upline"), QStringLiteral("downline"),
                                     QStringLiteral("stats"), QStringLiteral("move")};
    if (!subs.contains(sub))
        return usage(tr("unknown command \"genealogy %1\"").arg(sub));
    return genealogyCommand(sub, args);
}

int Cli::genealogyCommand(const QString& sub, const QStringList& args)
{
    auto a = parse(args,
                   {QStringLiteral("profile"), QStringLiteral("tree"), QStringLiteral("limit"), QStringLiteral("depth"),
                    QStringLiteral("to"), QStringLiteral("reason"), QStringLiteral("effective")},
                   {QStringLiteral("passphrase-stdin"), QStringLiteral("json"), QStringLiteral("levels"),
                    QStringLiteral("root")});
    if (!a)
        return ExitUsage;
    if (a->positional.size() != 1)
        return usage(sub == QLatin1String("find") ? tr("genealogy find takes one search text (quote it if it has spaces)")
                                                  : tr("genealogy %1 takes one distributor ID").arg(sub));
    const auto tree = genealogyTreeFromName(a->options.value(QStringLiteral("tree"), QStringLiteral("sponsor")));
    if (!tree)
        return usage(tr("--tree must be \"sponsor\" or \"placement\""));
    bool ok = true;
    const int limit = a->options.value(QStringLiteral("limit"), QStringLiteral("100")).toInt(&ok);
    if (!ok || limit < 1 || limit > 1'000'000)
        return usage(tr("--limit must be a number from 1 to 1000000"));
    const int maxDepth = a->options.value(QStringLiteral("depth"), QStringLiteral("1")).toInt(&ok);
    if (!ok || maxDepth < 1)
        return usage(tr("--depth must be 1 or more"));
    const QString arg = a->positional.first();
    if (sub != QLatin1String("find") && !isUuid(arg))
        return usage(tr("\"%1\" is not a distributor id (find ids with: outpost-cli genealogy find)").arg(arg));
    QDate effective = QDate::currentDate();
    if (a->options.contains(QStringLiteral("effective"))) {
        effective = QDate::fromString(a->options.value(QStringLiteral("effective")), Qt::ISODate);
        if (!effective.isValid())
            return usage(tr("--effective must be a date like 2026-11-30"));
    }
    const bool toRoot = a->flags.contains(QStringLiteral("root"));
    if (sub == QLatin1String("move")) {
        if (toRoot == a->options.contains(QStringLiteral("to")))
            return usage(tr("genealogy move needs either --to PARENT_ID or --root"));
        if (!toRoot && !isUuid(a->options.value(QStringLiteral("to"))))
            return usage(tr("--to must be a distributor id"));
        if (a->options.value(QStringLiteral("reason")).trimmed().isEmpty())
            return usage(tr("genealogy move needs --reason TEXT (it is kept in the history)"));
    }
    int code = ExitOk;
    auto ws = open(*a, &code);
    if (!ws)
        return code;
    GenealogyRepository repo(ws->database());
    const bool json = a->flags.contains(QStringLiteral("json"));
    auto emitRow = [&](const QJsonObject& o, const QStringList& cells) {
        print(json ? QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) : cells.join(QLatin1Char('\t')));
    };

    if (sub == QLatin1String("find")) {
        auto rows = repo.search(arg, limit);
        if (!rows)
            return fail(ExitFailure, rows.message());
        if (!json)
            print(tr("ID\tNAME\tSTATUS\tRANK"));
        for (const DistributorListRow& r : rows.value())
            emitRow(QJsonObject{{QStringLiteral("id"), r.id}, {QStringLiteral("name"), r.displayName},
                                {QStringLiteral("status"), r.status}, {QStringLiteral("rank"), r.rankAchieved}},
                    {r.id, r.displayName, r.status, r.rankAchieved});
        return ExitOk;
    }

    auto node = repo.find(arg);
    if (!node)
        return fail(ExitFailure, node.message());
    if (!node.value())
        return fail(ExitNotFound, tr("there is no distributor %1").arg(arg));
    const qint64 rid = node.value()->rid;

    if (sub == QLatin1String("upline")) {
        auto path = repo.upline(rid, *tree);
        if (!path)
            return fail(ExitFailure, path.message());
        if (!json)
            print(tr("LEVEL\tID\tNAME"));
        const qsizetype n = path->size();
        for (qsizetype i = 0; i < n; ++i) {
            const UplineEntry& e = path->at(i);
            emitRow(QJsonObject{{QStringLiteral("level"), double(i)}, {QStringLiteral("id"), e.id},
                                {QStringLiteral("name"), e.displayName}},
                    {QString::number(i), e.id, e.displayName});
        }
        return ExitOk;
    }

    if (sub == QLatin1String("downline")) {
        // Level by level through the children index, at most `limit` people.
        if (!json)
            print(tr("LEVEL\tID\tNAME\tSTATUS\tDOWNLINE"));
        QList<qint64> level{rid};
        int printed = 0;
        for (int depth = 1; depth <= maxDepth && !level.isEmpty() && printed < limit; ++depth) {
            QList<qint64> next;
            for (qint64 parent : std::as_const(level)) {
                std::optional<DistributorCursor> after;
                while (printed < limit) {
                    const int want = std::min(500, limit - printed);
                    auto rows = repo.children(*tree, parent, after, want);
                    if (!rows)
                        return fail(ExitFailure, rows.message());
                    for (const DistributorListRow& r : rows.value()) {
                        emitRow(QJsonObject{{QStringLiteral("level"), depth}, {QStringLiteral("id"), r.id},
                                            {QStringLiteral("name"), r.displayName}, {QStringLiteral("status"), r.status},
                                            {QStringLiteral("downline"), double(r.downlineSize)}},
                                {QString::number(depth), r.id, r.displayName, r.status, QString::number(r.downlineSize)});
                        next << r.rid;
                        ++printed;
                    }
                    if (rows->size() < want)
                        break;
                    after = DistributorCursor{rows->last().sortKey, rows->last().rid};
                }
            }
            level = next;
        }
        return ExitOk;
    }

    if (sub == QLatin1String("stats")) {
        auto figures = repo.downlineFigures(rid, *tree);
        auto legs = repo.legs(rid, *tree, 8);
        auto direct = repo.childCount(*tree, rid);
        if (!figures || !legs || !direct)
            return fail(ExitFailure, !figures ? figures.message() : !legs ? legs.message() : direct.message());
        QList<qint64> levels;
        if (a->flags.contains(QStringLiteral("levels"))) {
            auto stats = repo.downlineStatistics(rid, *tree);
            if (!stats)
                return fail(ExitFailure, stats.message());
            levels = stats->levelCounts;
        }
        if (json) {
            QJsonArray legArray, levelArray;
            for (const DownlineLeg& l : legs.value())
                legArray.append(QJsonObject{{QStringLiteral("id"), l.id}, {QStringLiteral("name"), l.displayName},
                                            {QStringLiteral("size"), double(l.size)}});
            for (qsizetype i = 1; i < levels.size(); ++i)
                levelArray.append(double(levels.at(i)));
            QJsonObject o{{QStringLiteral("id"), arg}, {QStringLiteral("size"), double(figures->size)},
                          {QStringLiteral("depth"), figures->height}, {QStringLiteral("firstLevel"), double(direct.value())},
                          {QStringLiteral("legs"), legArray}};
            if (!levels.isEmpty())
                o.insert(QStringLiteral("levels"), levelArray);
            emitRow(o, {});
            return ExitOk;
        }
        print(tr("%1: %2 people in the downline, %3 levels deep, %4 on the first level.")
                  .arg(node.value()->displayName)
                  .arg(figures->size)
                  .arg(figures->height)
                  .arg(direct.value()));
        for (const DownlineLeg& l : legs.value())
            print(tr("  leg %1 (%2): %3 people").arg(l.displayName, l.id).arg(l.size));
        for (qsizetype i = 1; i < levels.size(); ++i)
            print(tr("  level %1: %2").arg(i).arg(levels.at(i)));
        return ExitOk;
    }

    // move
    const QDateTime at(effective, QTime(0, 0), Qt::UTC);
    auto m = ws->mutations().submit(
        QStringLiteral("distributor.move"),
        QJsonObject{{QStringLiteral("id"), arg},
                    {QStringLiteral("tree"), genealogyTreeName(*tree)},
                    {QStringLiteral("newParentId"), toRoot ? QJsonValue() : QJsonValue(a->options.value(QStringLiteral("to")))},
                    {QStringLiteral("effectiveDate"), double(at.toMSecsSinceEpoch())},
                    {QStringLiteral("reason"), a->options.value(QStringLiteral("reason"))}});
    if (!m)
        return fail(m.code() == ErrorCode::NotFound ? ExitNotFound : exitCodeFor(m.error()), m.message());
    auto figures = repo.downlineFigures(rid, *tree);
    print(tr("Moved %1 with %2 people in their downline.")
              .arg(node.value()->displayName)
              .arg(figures ? figures->size : 0));
    return ExitOk;
}

} // namespace

int run(const QStringList& args, FILE* in, FILE* out, FILE* err, const QList<Command>& extra)
{
    Cli cli(in, out, err, extra);
    return cli.run(args);
}

} // namespace outpost::cli

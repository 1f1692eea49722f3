#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

namespace outpost {
class KeyStore;
class Workspace;
} // namespace outpost

namespace outpost::cli {

// Exit codes of outpost-cli, stable for scripts.
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,        // the command ran and failed (database error, I/O, invalid data)
    ExitUsage = 2,          // unknown command, missing or malformed arguments
    ExitNotFound = 3,       // no profile (or no such contact) where one was named
    ExitKey = 4,            // wrong passphrase, missing keychain entry, keychain unavailable or refused
    ExitVerifyFailed = 5,   // `verify` found damage or tampering
};

// Parsed command-line arguments: --name value options, --flag flags, and the rest in order.
struct Args
{
    QStringList positional;
    QHash<QString, QString> options;
    QSet<QString> flags;
};

// What a command living outside core (it needs more than QtCore and QtSql: `sync` needs QtNetwork)
// gets from outpost-cli: the same argument rules, profile unlocking, keychain and output as the others.
class Host
{
public:
    virtual ~Host() = default;
    // Prints the usage error itself and returns nullopt on a bad argument.
    virtual std::optional<Args> parse(const QStringList& args, const QStringList& valueOptions,
                                      const QStringList& flagOptions) = 0;
    // Unlocks the profile of --profile (passphrase from stdin with --passphrase-stdin); on failure
    // prints the reason, sets `exitCode` and returns nullptr.
    virtual std::unique_ptr<Workspace> openProfile(const Args& a, int* exitCode) = 0;
    virtual KeyStore* keychain() = 0;
    virtual std::optional<QString> readLine() = 0; // one line of standard input, without its end
    virtual void print(const QString& line) = 0;
    virtual int usage(const QString& message) = 0;
    virtual int fail(int code, const QString& message) = 0;
};

struct Command
{
    QString name;
    QString help; // lines for --help, already translated
    std::function<int(const QStringList& args, Host& host)> run;
};

// Runs outpost-cli with `args` (without the program name). Needs a QCoreApplication; runs its event
// loop while the keychain answers. Output goes to `out`, one-line failure reasons to `err`; a
// passphrase is read only from `in` (--passphrase-stdin) or the keychain. `extra` adds commands
// implemented outside core.
int run(const QStringList& args, FILE* in = stdin, FILE* out = stdout, FILE* err = stderr,
        const QList<Command>& extra = {});

} // namespace outpost::cli

#pragma once

#include <QStringList>

#include <cstdio>

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

// Runs outpost-cli with `args` (without the program name). Needs a QCoreApplication; runs its event
// loop while the keychain answers. Output goes to `out`, one-line failure reasons to `err`; a
// passphrase is read only from `in` (--passphrase-stdin) or the keychain.
int run(const QStringList& args, FILE* in = stdin, FILE* out = stdout, FILE* err = stderr);

} // namespace outpost::cli

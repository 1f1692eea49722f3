#pragma once

#include <QStringList>

#include <cstdio>

namespace outpost::server {

// outpost-server's command line: `serve` and the administration commands. Returns the exit code
// (0 ok, 1 failed, 2 usage, 3 not found). Passwords are read from stdin only.
int runServerCli(const QStringList& args, FILE* in, FILE* out, FILE* err);

} // namespace outpost::server

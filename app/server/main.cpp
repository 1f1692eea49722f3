// outpost-server: the team sync server. Wiring only; see sync/server.
#include "service/ServerCli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("outpost-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OUTPOST_VERSION));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return outpost::server::runServerCli(args, stdin, stdout, stderr);
}

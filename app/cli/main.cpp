// outpost-cli: wiring only; the commands live in core/cli, and `sync` (it needs QtNetwork) in sync/cli.
#include "cli/Cli.h"
#include "cli/SyncCommand.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Outpost"));
    QCoreApplication::setApplicationName(QStringLiteral("Outpost"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OUTPOST_VERSION));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return outpost::cli::run(args, stdin, stdout, stderr, {outpost::cli::syncCommand()});
}

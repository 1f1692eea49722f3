#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <functional>

namespace outpost {
class Workspace;
}

namespace outpost::cli {

// outpost-cli commerce|commissions <subcommand>: demo orders, plans, the period life cycle, statements and
// payouts, on an open profile. Every change goes through the same mutations as the desktop app.
class CommissionCommands
{
    Q_DECLARE_TR_FUNCTIONS(CommissionCommands)
public:
    using Printer = std::function<void(const QString&)>;
    CommissionCommands(Workspace& workspace, Printer out, Printer err)
        : m_ws(workspace), m_out(std::move(out)), m_err(std::move(err))
    {
    }

    static const QStringList& valueOptions();
    static const QStringList& flagOptions();
    static QString helpText();

    // An unknown subcommand or a bad option value is ErrorCode::InvalidArgument.
    Status run(const QString& group, const QString& sub, const QHash<QString, QString>& options,
               const QSet<QString>& flags);

private:
    Status demo(const QHash<QString, QString>& o, bool quiet);
    Status plan(const QHash<QString, QString>& o);
    Status open(const QHash<QString, QString>& o);
    Status periods();
    Status step(const QString& verb, const QHash<QString, QString>& o, bool quiet);
    Status preview(const QHash<QString, QString>& o);
    Status statement(const QHash<QString, QString>& o);
    Status payout(const QHash<QString, QString>& o);
    Result<QString> periodId(const QHash<QString, QString>& o);

    Workspace& m_ws;
    Printer m_out;
    Printer m_err;
};

} // namespace outpost::cli

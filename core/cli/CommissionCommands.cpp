#include "cli/CommissionCommands.h"

#include "commissions/CommissionRunner.h"
#include "commissions/CommissionStatement.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementPager.h"
#include "demo/DemoCommerce.h"
#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>
#include <QSqlQuery>

namespace outpost::cli {

namespace {

using namespace commissions;

Error usageError(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

// "2026-03" or "2026-03-15" → UTC ms of that day at 00:00.
std::optional<qint64> parseDate(const QString& text)
{
    QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid())
        d = QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate);
    if (!d.isValid())
        return std::nullopt;
    return QDateTime(d, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

std::optional<qint64> parseNumber(const QHash<QString, QString>& o, const QString& key, qint64 fallback, qint64 min,
                                  qint64 max)
{
    if (!o.contains(key))
        return fallback;
    bool ok = false;
    const qint64 v = o.value(key).toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

QString money(qint64 minor)
{
    return Statement::money(minor, QString()).trimmed();
}

} // namespace

const QStringList& CommissionCommands::valueOptions()
{
    static const QStringList list = {QStringLiteral("profile"),     QStringLiteral("distributors"),
                                     QStringLiteral("months"),      QStringLiteral("lines-per-month"),
                                     QStringLiteral("seed"),        QStringLiteral("from"),
                                     QStringLiteral("to"),          QStringLiteral("name"),
                                     QStringLiteral("plan"),        QStringLiteral("file"),
                                     QStringLiteral("period"),      QStringLiteral("distributor"),
                                     QStringLiteral("output"),      QStringLiteral("minimum"),
                                     QStringLiteral("limit")};
    return list;
}

const QStringList& CommissionCommands::flagOptions()
{
    static const QStringList list = {QStringLiteral("passphrase-stdin"), QStringLiteral("quiet")};
    return list;
}

QString CommissionCommands::helpText()
{
    return tr("  commerce demo --profile DIR [--distributors N] [--months M] [--lines-per-month L]\n"
              "                [--from YYYY-MM] [--seed S]\n"
              "                      add demo distributors (when there are none), products, M months of orders,\n"
              "                      the demo commission plan and one open period per month\n"
              "  commissions plan --profile DIR --file PLAN.json --name NAME [--plan ID]\n"
              "                      create a commission plan (or replace plan ID)\n"
              "  commissions open --profile DIR --name NAME --from DATE --to DATE --plan ID\n"
              "                      open a commission period [from, to)\n"
              "  commissions periods --profile DIR    list periods with their state and totals\n"
              "  commissions run|lock|commit --profile DIR --period NAME|ID [--plan ID] [--quiet]\n"
              "                      calculate (again, or as a what-if under another plan), lock, commit\n"
              "  commissions preview --profile DIR --period NAME|ID [--limit N]\n"
              "                      the biggest changes against the previous run: id, name, total, previous, change\n"
              "  commissions statement --profile DIR --period NAME|ID --distributor ID [--output FILE.csv]\n"
              "                      one distributor's statement as CSV, one line per order (standard output by default)\n"
              "  commissions payout --profile DIR --period NAME|ID --minimum MINOR_UNITS\n"
              "                      the payout batch of a committed period\n");
}

Status CommissionCommands::run(const QString& group, const QString& sub, const QHash<QString, QString>& options,
                               const QSet<QString>& flags)
{
    const bool quiet = flags.contains(QStringLiteral("quiet"));
    if (group == QLatin1String("commerce")) {
        if (sub == QLatin1String("demo"))
            return demo(options, quiet);
        return usageError(tr("unknown command \"commerce %1\"").arg(sub));
    }
    if (sub == QLatin1String("plan"))
        return plan(options);
    if (sub == QLatin1String("open"))
        return open(options);
    if (sub == QLatin1String("periods"))
        return periods();
    if (sub == QLatin1String("run") || sub == QLatin1String("lock") || sub == QLatin1String("commit"))
        return step(sub, options, quiet);
    if (sub == QLatin1String("preview"))
        return preview(options);
    if (sub == QLatin1String("statement"))
        return statement(options);
    if (sub == QLatin1String("payout"))
        return payout(options);
    return usageError(tr("unknown command \"commissions %1\"").arg(sub));
}

Status CommissionCommands::demo(const QHash<QString, QString>& o, bool quiet)
{
    const auto distributors = parseNumber(o, QStringLiteral("distributors"), 1000, 1, 2'000'000);
    const auto months = parseNumber(o, QStringLiteral("months"), 3, 1, 36);
    const auto lines = parseNumber(o, QStringLiteral("lines-per-month"), 0, 0, 50'000'000);
    const auto seed = parseNumber(o, QStringLiteral("seed"), 2026, 0, std::numeric_limits<qint64>::max());
    if (!distributors || !months || !lines || !seed)
        return usageError(tr("--distributors, --months, --lines-per-month and --seed must be numbers in range"));
    const auto from = parseDate(o.value(QStringLiteral("from"), QStringLiteral("2026-01")));
    if (!from)
        return usageError(tr("--from must be a month, e.g. 2026-01"));
    QElapsedTimer timer;
    timer.start();
    const qint64 now = m_ws.clock().nowMs();

    QSqlDatabase db = m_ws.database().connection();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM distributors")) || !q.next())
        return Error(ErrorCode::Database, tr("Could not read the distributors."));
    if (q.value(0).toLongLong() == 0) {
        GenealogyBulkLoader loader(m_ws.database(), QStringLiteral("demo"));
        auto loaded = loader.load(DemoGenealogy(quint64(*seed)).generate(int(*distributors)), now);
        if (!loaded)
            return loaded.error();
        if (!quiet)
            m_err(tr("%1 distributors added.").arg(QLocale().toString(loaded.value())));
    }
    q.finish();
    DemoCommerce::Options opt;
    opt.seed = quint64(*seed);
    opt.months = int(*months);
    opt.firstMonthStart = *from;
    opt.linesPerMonth = *lines;
    auto loaded = DemoCommerce::load(m_ws.database(), opt, now, [&](qint64 done, qint64 total) {
        if (!quiet)
            m_err(tr("%1 of %2 order lines…").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    if (!loaded)
        return loaded.error();

    const QString planId = newUuidV7();
    auto m = m_ws.mutations().submit(QStringLiteral("plan.update"),
                                     QJsonObject{{QStringLiteral("id"), planId},
                                                 {QStringLiteral("name"), tr("Demo plan")},
                                                 {QStringLiteral("plan"), DemoCommerce::demoPlanJson()}});
    if (!m)
        return m.error();
    for (int i = 0; i + 1 < loaded->monthStarts.size(); ++i) {
        const qint64 start = loaded->monthStarts.at(i);
        const QString name = QDateTime::fromMSecsSinceEpoch(start, Qt::UTC).toString(QStringLiteral("yyyy-MM"));
        auto p = m_ws.mutations().submit(QStringLiteral("period.open"),
                                         QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                     {QStringLiteral("name"), name},
                                                     {QStringLiteral("startsAt"), double(start)},
                                                     {QStringLiteral("endsAt"), double(loaded->monthStarts.at(i + 1))},
                                                     {QStringLiteral("planId"), planId}});
        if (!p && p.code() != ErrorCode::Rejected) // an overlapping period from an earlier demo stays
            return p.error();
    }
    m_out(tr("Added %1 products, %2 orders with %3 lines, plan %4 and %5 periods in %6 s.")
              .arg(loaded->products)
              .arg(QLocale().toString(loaded->orders), QLocale().toString(loaded->lines), planId)
              .arg(loaded->monthStarts.size() - 1)
              .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    return {};
}

Status CommissionCommands::plan(const QHash<QString, QString>& o)
{
    QFile file(o.value(QStringLiteral("file")));
    if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly))
        return usageError(tr("--file PLAN.json is required and must be readable"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return usageError(tr("%1 is not a JSON object: %2").arg(file.fileName(), error.errorString()));
    const QString id = o.value(QStringLiteral("plan"), newUuidV7());
    auto m = m_ws.mutations().submit(QStringLiteral("plan.update"),
                                     QJsonObject{{QStringLiteral("id"), id},
                                                 {QStringLiteral("name"), o.value(QStringLiteral("name"), QFileInfo(file).baseName())},
                                                 {QStringLiteral("plan"), doc.object()}});
    if (!m)
        return m.error();
    m_out(id);
    return {};
}

Status CommissionCommands::open(const QHash<QString, QString>& o)
{
    const auto from = parseDate(o.value(QStringLiteral("from")));
    const auto to = parseDate(o.value(QStringLiteral("to")));
    if (!from || !to)
        return usageError(tr("--from and --to must be dates, e.g. 2026-03-01 and 2026-04-01"));
    const QString id = newUuidV7();
    auto m = m_ws.mutations().submit(QStringLiteral("period.open"),
                                     QJsonObject{{QStringLiteral("id"), id},
                                                 {QStringLiteral("name"), o.value(QStringLiteral("name"))},
                                                 {QStringLiteral("startsAt"), double(*from)},
                                                 {QStringLiteral("endsAt"), double(*to)},
                                                 {QStringLiteral("planId"), o.value(QStringLiteral("plan"))}});
    if (!m)
        return m.error();
    m_out(id);
    return {};
}

Status CommissionCommands::periods()
{
    QSqlDatabase db = m_ws.database().connection();
    auto rows = CommissionReports::periods(db);
    if (!rows)
        return rows.error();
    for (const PeriodListRow& r : rows.value())
        m_out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                  .arg(r.id, r.name, r.state, QString::number(r.runCount), money(r.totalPaid), r.resultDigest.left(16)));
    return {};
}

Result<QString> CommissionCommands::periodId(const QHash<QString, QString>& o)
{
    const QString key = o.value(QStringLiteral("period"));
    if (key.isEmpty())
        return usageError(tr("--period NAME|ID is required"));
    QSqlQuery q(m_ws.database().connection());
    q.prepare(QStringLiteral("SELECT id FROM commission_periods WHERE id = ? OR name = ?"));
    q.addBindValue(key);
    q.addBindValue(key);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the commission periods."));
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("There is no commission period \"%1\".").arg(key));
    return q.value(0).toString();
}

Status CommissionCommands::step(const QString& verb, const QHash<QString, QString>& o, bool quiet)
{
    auto id = periodId(o);
    if (!id)
        return id.error();
    QElapsedTimer timer;
    timer.start();
    RunControl control;
    int lastPermille = -100;
    control.progress = [&](int permille, const QString& stage) {
        if (!quiet && permille >= lastPermille + 100) {
            lastPermille = permille;
            m_err(tr("%1… %2 %").arg(stage).arg(permille / 10));
        }
    };
    Result<Mutation> m = verb == QLatin1String("run")
                             ? CommissionRunner::calculate(m_ws.mutations(), id.value(), o.value(QStringLiteral("plan")), control)
                         : verb == QLatin1String("lock")
                             ? CommissionRunner::lock(m_ws.mutations(), id.value(), control)
                             : m_ws.mutations().submit(QStringLiteral("period.commit"),
                                                       QJsonObject{{QStringLiteral("id"), id.value()}});
    if (!m)
        return m.error();
    QSqlDatabase db = m_ws.database().connection();
    auto p = CommissionStore::readPeriod(db, id.value());
    if (!p || !p.value())
        return Error(ErrorCode::Database, tr("Could not read the commission period back."));
    const PeriodRow& row = *p.value();
    m_out(tr("Period %1 is %2: %3 paid in %4 ledger lines (run %5, digest %6%7) in %8 s.")
              .arg(row.name, row.state, money(row.totalPaid), QLocale().toString(row.lineCount))
              .arg(row.runCount)
              .arg(row.resultDigest.left(16),
                   row.previousDigest.isEmpty() ? QString()
                   : row.previousDigest == row.resultDigest ? tr(", same as the previous run")
                                                            : tr(", differs from the previous run"))
              .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    return {};
}

Status CommissionCommands::preview(const QHash<QString, QString>& o)
{
    auto id = periodId(o);
    if (!id)
        return id.error();
    const auto limit = parseNumber(o, QStringLiteral("limit"), 20, 1, 1'000'000);
    if (!limit)
        return usageError(tr("--limit must be a number from 1 to 1000000"));
    QSqlDatabase db = m_ws.database().connection();
    auto rows = CommissionReports::preview(db, id.value(), int(*limit));
    if (!rows)
        return rows.error();
    for (const PreviewRow& r : rows.value())
        m_out(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                  .arg(r.distributorId, r.name, money(r.total),
                       r.previousTotal ? money(*r.previousTotal) : QStringLiteral("-"), money(r.difference())));
    return {};
}

Status CommissionCommands::statement(const QHash<QString, QString>& o)
{
    auto id = periodId(o);
    if (!id)
        return id.error();
    QSqlDatabase db = m_ws.database().connection();
    auto s = CommissionReports::statement(db, id.value(), o.value(QStringLiteral("distributor")));
    if (!s)
        return s.error();
    auto period = CommissionStore::readPeriod(db, id.value());
    if (!period)
        return period.error();
    // One line per order, written page by page (a large run's summary lines itemised).
    const QString path = o.value(QStringLiteral("output"));
    if (path.isEmpty()) {
        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        if (Status w = StatementPager::writeCsv(db, **period, s.value(), &csv); !w)
            return w;
        m_out(QString::fromUtf8(csv.data()).trimmed());
        return {};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, tr("Could not write %1: %2").arg(path, file.errorString()));
    if (Status w = StatementPager::writeCsv(db, **period, s.value(), &file); !w)
        return w;
    if (!file.commit())
        return Error(ErrorCode::Io, tr("Could not write %1: %2").arg(path, file.errorString()));
    m_out(tr("Statement of %1 for %2 written to %3.").arg(s->distributorName, s->periodName, path));
    return {};
}

Status CommissionCommands::payout(const QHash<QString, QString>& o)
{
    auto id = periodId(o);
    if (!id)
        return id.error();
    const auto minimum = parseNumber(o, QStringLiteral("minimum"), -1, 0, std::numeric_limits<qint32>::max());
    if (!minimum || *minimum < 0)
        return usageError(tr("--minimum MINOR_UNITS is required (e.g. 2000 for 20.00)"));
    const QString batch = newUuidV7();
    auto m = m_ws.mutations().submit(QStringLiteral("payout.create"),
                                     QJsonObject{{QStringLiteral("id"), batch},
                                                 {QStringLiteral("periodId"), id.value()},
                                                 {QStringLiteral("minimum"), double(*minimum)}});
    if (!m)
        return m.error();
    QSqlQuery q(m_ws.database().connection());
    q.prepare(QStringLiteral("SELECT total_paid, total_carried, total_held FROM payout_batches WHERE id = ?"));
    q.addBindValue(batch);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, tr("Could not read the payout batch back."));
    m_out(tr("Payout batch %1: %2 payable, %3 carried forward, %4 held (KYC not approved).")
              .arg(batch, money(q.value(0).toLongLong()), money(q.value(1).toLongLong()), money(q.value(2).toLongLong())));
    return {};
}

} // namespace outpost::cli

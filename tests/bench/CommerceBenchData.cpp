#include "CommerceBenchData.h"

#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include <QDateTime>

#include <cstdio>
#include <cstdlib>

namespace outpost::bench {

void die(const char* what, const QString& message)
{
    std::fprintf(stderr, "%s: %s\n", what, qPrintable(message));
    std::abort();
}

CommerceProfile commerceProfile(const QString& dir, const QString& name, qint64 distributors)
{
    ProfileInfo info;
    info.dir = dir;
    info.id = newUuidV7();
    info.name = name;
    auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
    if (!ws)
        die("profile", ws.message());
    CommerceProfile p;
    p.workspace = std::move(ws.value());
    Database& db = p.workspace->database();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    GenealogyBulkLoader loader(db, QStringLiteral("bench"));
    if (auto loaded = loader.load(DemoGenealogy(7).generate(int(distributors)), now); !loaded)
        die("genealogy", loaded.message());
    DemoCommerce::Options o;
    o.months = 1;
    o.firstMonthStart = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    o.linesPerMonth = distributors * 10;
    auto orders = DemoCommerce::load(db, o, now);
    if (!orders)
        die("orders", orders.message());
    p.orders = orders.value();
    return p;
}

QString submitPlan(Workspace& ws, const QJsonObject& plan)
{
    const QString id = newUuidV7();
    auto m = ws.mutations().submit(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), id},
                                                                             {QStringLiteral("name"), id},
                                                                             {QStringLiteral("plan"), plan}});
    if (!m)
        die("plan", m.message());
    return id;
}

QString openFirstMonth(Workspace& ws, const DemoCommerce::Loaded& orders, const QString& planId)
{
    const QString id = newUuidV7();
    auto m = ws.mutations().submit(QStringLiteral("period.open"),
                                   QJsonObject{{QStringLiteral("id"), id},
                                               {QStringLiteral("name"), QStringLiteral("2026-03")},
                                               {QStringLiteral("startsAt"), double(orders.monthStarts.at(0))},
                                               {QStringLiteral("endsAt"), double(orders.monthStarts.at(1))},
                                               {QStringLiteral("planId"), planId}});
    if (!m)
        die("period", m.message());
    return id;
}

} // namespace outpost::bench

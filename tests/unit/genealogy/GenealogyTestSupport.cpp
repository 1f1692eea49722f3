#include "GenealogyTestSupport.h"

#include "util/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <limits>

namespace outpost::test {

std::map<qint64, qint64> readParents(Database& db, GenealogyTree tree)
{
    std::map<qint64, qint64> parents;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT rid, coalesce(%1, 0) FROM distributors")
                           .arg(GenealogyRepository::parentColumn(tree))))
        << q.lastError().text().toStdString();
    while (q.next())
        parents[q.value(0).toLongLong()] = q.value(1).toLongLong();
    return parents;
}

ClosureSet readClosure(Database& db, GenealogyTree tree)
{
    ClosureSet rows;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT ancestor, descendant, depth FROM ") + GenealogyRepository::closureTable(tree)))
        << q.lastError().text().toStdString();
    while (q.next())
        rows.emplace(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt());
    return rows;
}

ClosureSet closureFromParents(const std::map<qint64, qint64>& parents, int reach)
{
    ClosureSet rows;
    for (const auto& [node, parent] : parents) {
        rows.emplace(node, node, 0);
        int depth = 0;
        qint64 up = parent;
        while (up != 0) {
            if (++depth <= reach)
                rows.emplace(up, node, depth);
            if (depth > int(parents.size())) {
                ADD_FAILURE() << "the parent links contain a cycle through " << node;
                return rows;
            }
            up = parents.at(up);
        }
    }
    return rows;
}

Figures readFigures(Database& db, GenealogyTree tree)
{
    Figures figures;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT rid, size, height FROM ") + GenealogyRepository::downlineTable(tree)))
        << q.lastError().text().toStdString();
    while (q.next())
        figures[q.value(0).toLongLong()] = {q.value(1).toLongLong(), q.value(2).toInt()};
    return figures;
}

Figures figuresFromParents(const std::map<qint64, qint64>& parents)
{
    Figures figures;
    for (const auto& entry : parents)
        figures[entry.first] = {0, 0};
    for (const auto& [ancestor, descendant, depth] : closureFromParents(parents, std::numeric_limits<int>::max())) {
        Q_UNUSED(descendant);
        if (depth == 0)
            continue;
        auto& f = figures[ancestor];
        ++f.first;
        f.second = std::max(f.second, depth);
    }
    return figures;
}

QStringList dumpAllTables(Database& db)
{
    QSqlDatabase conn = db.connection();
    QStringList tables;
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                          "sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")));
        while (q.next())
            tables << q.value(0).toString();
    }
    QStringList out;
    for (const QString& table : std::as_const(tables)) {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table))) << q.lastError().text().toStdString();
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
            rows << cells.join(QLatin1Char('|'));
        }
        rows.sort();
        out << QStringLiteral("== ") + table;
        out << rows;
    }
    return out;
}

void GenealogyFixture::SetUp()
{
    ASSERT_TRUE(t.db);
    engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(engine->initialize().ok());
    repo = std::make_unique<GenealogyRepository>(*t.db);
}

QString GenealogyFixture::create(const QString& name, const QString& sponsorId, const std::optional<QString>& placementId)
{
    const QString id = newUuidV7();
    QJsonObject args{{QStringLiteral("id"), id},
                     {QStringLiteral("fields"), QJsonObject{{QStringLiteral("displayName"), name}}},
                     {QStringLiteral("sponsorId"), sponsorId.isEmpty() ? QJsonValue() : QJsonValue(sponsorId)}};
    if (placementId)
        args.insert(QStringLiteral("placementId"), placementId->isEmpty() ? QJsonValue() : QJsonValue(*placementId));
    auto m = engine->submit(QStringLiteral("distributor.create"), args);
    EXPECT_TRUE(m.ok()) << m.message().toStdString();
    return id;
}

Result<Mutation> GenealogyFixture::move(const QString& id, GenealogyTree tree, const QString& newParentId,
                                        const QString& reason)
{
    return engine->submit(QStringLiteral("distributor.move"),
                          QJsonObject{{QStringLiteral("id"), id},
                                      {QStringLiteral("tree"), genealogyTreeName(tree)},
                                      {QStringLiteral("newParentId"), newParentId.isEmpty() ? QJsonValue() : QJsonValue(newParentId)},
                                      {QStringLiteral("effectiveDate"), double(clock.nowMs())},
                                      {QStringLiteral("reason"), reason}});
}

qint64 GenealogyFixture::ridOf(const QString& id)
{
    auto d = repo->find(id);
    EXPECT_TRUE(d.ok() && d->has_value()) << id.toStdString();
    return d.ok() && d->has_value() ? (*d)->rid : 0;
}

} // namespace outpost::test

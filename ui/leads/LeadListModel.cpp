#include "leads/LeadListModel.h"

#include "leads/Lead.h"
#include "storage/Database.h"
#include "storage/SqlExec.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

LeadListModel::LeadListModel(Database& database, QObject* parent) : KeysetPagedModel(PageSize, parent), m_db(database)
{
}

void LeadListModel::setStatusFilter(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    reload();
}

void LeadListModel::setSearchText(const QString& text)
{
    if (text.simplified() == m_search)
        return;
    m_search = text.simplified();
    reload();
}

void LeadListModel::reload()
{
    restart(true);
    emit reloaded();
}

void LeadListModel::onEntitiesChanged(const EntityChanges& changes)
{
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("lead")) {
            reload();
            return;
        }
    }
}

QString LeadListModel::idAt(int row) const
{
    return row >= 0 && row < rows().size() ? rows().at(row).id : QString();
}

int LeadListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < rows().size(); ++i) {
        if (rows().at(i).id == id)
            return i;
    }
    return -1;
}

int LeadListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeadListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LeadListRow& r = rows().at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case CompanyColumn:
            return r.company;
        case StatusColumn:
            return Lead::statusLabel(r.status);
        case ScoreColumn:
            return r.score;
        case SourceColumn:
            return r.source;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == ScoreColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == IdRole)
        return r.id;
    if (role == StatusRole)
        return r.status;
    if (role == ScoreRole)
        return r.score;
    return {};
}

QVariant LeadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CompanyColumn:
        return tr("Company");
    case StatusColumn:
        return tr("Status");
    case ScoreColumn:
        return tr("Score");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

Result<QList<LeadListRow>> LeadListModel::readPage(const LeadListRow* after, int limit)
{
    QString sql = QStringLiteral("SELECT s.lead_id, s.score, s.status, l.first_name, l.last_name, l.company, l.email, "
                                 "l.source FROM lead_scores s JOIN leads l ON l.id = s.lead_id WHERE 1");
    if (!m_status.isEmpty())
        sql += QStringLiteral(" AND s.status = ?");
    // Each word in one of the fields. The walk in score order stops at a page of matches: fine for the
    // 100,000s of leads a team has (contacts, at a million, have the full-text index).
    QStringList words;
    for (const QString& w : m_search.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        words << QString(QLatin1Char('%') + likeLiteral(w) + QLatin1Char('%'));
        sql += QStringLiteral(" AND (l.first_name LIKE ? ESCAPE '\\' OR l.last_name LIKE ? ESCAPE '\\' OR l.company LIKE ? "
                              "ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\')");
    }
    if (after)
        sql += QStringLiteral(" AND (s.score < ? OR (s.score = ? AND s.lead_id < ?))");
    sql += QStringLiteral(" ORDER BY s.score DESC, s.lead_id DESC LIMIT %1").arg(limit);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!m_status.isEmpty())
        q.addBindValue(m_status);
    for (const QString& w : std::as_const(words)) {
        for (int i = 0; i < 4; ++i)
            q.addBindValue(w);
    }
    if (after) {
        q.addBindValue(after->score);
        q.addBindValue(after->score);
        q.addBindValue(after->id);
    }
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the leads: %1").arg(q.lastError().text()));
    QList<LeadListRow> page;
    while (q.next()) {
        LeadListRow r;
        r.id = q.value(0).toString();
        r.score = q.value(1).toInt();
        r.status = q.value(2).toString();
        Lead l;
        l.fields = {{QStringLiteral("firstName"), q.value(3).toString()},
                    {QStringLiteral("lastName"), q.value(4).toString()},
                    {QStringLiteral("company"), q.value(5).toString()},
                    {QStringLiteral("email"), q.value(6).toString()}};
        r.name = l.displayName();
        r.company = q.value(5).toString();
        r.source = q.value(7).toString();
        page.append(r);
    }
    return page;
}

} // namespace outpost

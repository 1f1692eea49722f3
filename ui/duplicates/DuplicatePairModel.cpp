#include "duplicates/DuplicatePairModel.h"

#include "duplicates/DuplicateContacts.h"
#include "storage/Database.h"

#include <algorithm>
#include <QFont>
#include <QLoggingCategory>
#include <QScopedValueRollback>
#include <QSet>

namespace outpost {

Q_LOGGING_CATEGORY(lcPairModel, "outpost.ui.duplicates", QtInfoMsg)

DuplicatePairModel::DuplicatePairModel(Database& database, QObject* parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{}

void DuplicatePairModel::setPairs(QList<DuplicatePair> pairs)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_pairs = std::move(pairs);
    m_shown = 0;
    m_cache.clear();
    endResetModel();
    showNextPage();
}

void DuplicatePairModel::clear()
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_pairs.clear();
    m_shown = 0;
    m_cache.clear();
    endResetModel();
}

qsizetype DuplicatePairModel::pairsScoringAtLeast(int score) const
{
    // Ranked best first: the pairs at or above `score` are a prefix.
    const auto it = std::partition_point(m_pairs.cbegin(), m_pairs.cend(),
                                         [score](const DuplicatePair& p) { return p.score >= score; });
    return it - m_pairs.cbegin();
}

const DuplicatePair* DuplicatePairModel::pairAt(int row) const
{
    return row >= 0 && row < m_shown ? &m_pairs.at(row) : nullptr;
}

const DuplicatePairModel::Summary* DuplicatePairModel::summary(qint64 rid) const
{
    auto it = m_cache.constFind(rid);
    return it == m_cache.constEnd() ? nullptr : &it.value();
}

QString DuplicatePairModel::idAt(int row, int which) const
{
    const DuplicatePair* p = pairAt(row);
    if (!p)
        return {};
    const Summary* s = summary(which == 0 ? p->ridA : p->ridB);
    return s ? s->id : QString();
}

QSet<qint64> DuplicatePairModel::load(const QList<qint64>& rids)
{
    QSet<qint64> gone;
    if (rids.isEmpty())
        return gone;
    auto contacts = DuplicateContacts::byRid(m_database.connection(), rids);
    if (!contacts) {
        qCWarning(lcPairModel) << "reading contacts failed:" << contacts.message();
        emit loadFailed(contacts.message());
        return gone;
    }
    for (qint64 rid : rids) {
        auto it = contacts->constFind(rid);
        if (it == contacts->constEnd()) {
            gone.insert(rid);
            m_cache.remove(rid);
            continue;
        }
        const Contact& c = it.value();
        Summary s;
        s.id = c.id;
        s.name = c.displayName();
        QStringList detail;
        for (const QString& v : {c.email, c.phone, c.company}) {
            if (!v.trimmed().isEmpty() && detail.size() < 2)
                detail << v.trimmed();
        }
        s.detail = detail.join(QStringLiteral(" \u00b7 "));
        QStringList lines{s.name};
        for (const QString& v :
             {c.email, c.phone, c.company,
              QStringList{c.street, QStringList{c.postalCode, c.city}.join(QLatin1Char(' ')).trimmed()}.join(
                  QStringLiteral(", "))}) {
            const QString t = v.trimmed();
            if (!t.isEmpty() && t != QLatin1String(","))
                lines << t;
        }
        s.tooltip = lines.join(QLatin1Char('\n'));
        m_cache.insert(rid, s);
    }
    return gone;
}

void DuplicatePairModel::removeContacts(const QSet<qint64>& rids)
{
    if (rids.isEmpty())
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    auto involves = [&](const DuplicatePair& p) { return rids.contains(p.ridA) || rids.contains(p.ridB); };
    // Shown rows, bottom up, one contiguous run at a time.
    for (int row = m_shown - 1; row >= 0;) {
        if (!involves(m_pairs.at(row))) {
            --row;
            continue;
        }
        const int last = row;
        while (row >= 0 && involves(m_pairs.at(row)))
            --row;
        beginRemoveRows({}, row + 1, last);
        m_pairs.remove(row + 1, last - row);
        m_shown -= last - row;
        endRemoveRows();
    }
    m_pairs.erase(std::remove_if(m_pairs.begin() + m_shown, m_pairs.end(), involves), m_pairs.end());
    for (qint64 rid : rids)
        m_cache.remove(rid);
    emit pairsRemoved();
}

void DuplicatePairModel::onEntitiesChanged(const EntityChanges& changes)
{
    QSet<QString> ids;
    bool all = false;
    for (const EntityChange& c : changes) {
        if (c.entity != QLatin1String("contact"))
            continue;
        if (c.id.isEmpty())
            all = true; // a big batch: "many contacts changed"
        else
            ids.insert(c.id);
    }
    if (!all && ids.isEmpty())
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    QList<qint64> affected;
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it) {
        if (all || ids.contains(it->id))
            affected << it.key();
    }
    if (affected.isEmpty())
        return;
    removeContacts(load(affected));
    if (m_shown > 0)
        emit dataChanged(index(0, 0), index(m_shown - 1, ColumnCount - 1));
}

int DuplicatePairModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_shown;
}

int DuplicatePairModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool DuplicatePairModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_shown < m_pairs.size();
}

void DuplicatePairModel::fetchMore(const QModelIndex& parent)
{
    // Listeners of a change (QAbstractItemModelTester among them) may call fetchMore() from modelReset or
    // rowsInserted; rows inserted then would reach listeners connected later before the change itself. A view
    // asks again later.
    if (!canFetchMore(parent) || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    showNextPage();
}

void DuplicatePairModel::showNextPage()
{
    if (m_shown >= m_pairs.size())
        return;
    // Read the contacts of the next page; pairs whose contacts have gone since the scan are dropped (they are
    // not shown yet, so no view hears of them) and others move up into the page.
    int end = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
        end = static_cast<int>(std::min<qsizetype>(m_pairs.size(), qsizetype(m_shown) + PageSize));
        QList<qint64> missing;
        for (int row = m_shown; row < end; ++row) {
            for (qint64 rid : {m_pairs.at(row).ridA, m_pairs.at(row).ridB}) {
                if (!m_cache.contains(rid) && !missing.contains(rid))
                    missing << rid;
            }
        }
        if (missing.isEmpty())
            break;
        const QSet<qint64> gone = load(missing);
        if (gone.isEmpty())
            break;
        auto involves = [&](const DuplicatePair& p) {
            return gone.contains(p.ridA) || gone.contains(p.ridB);
        };
        m_pairs.erase(std::remove_if(m_pairs.begin() + m_shown, m_pairs.end(), involves), m_pairs.end());
    }
    end = static_cast<int>(std::min<qsizetype>(m_pairs.size(), qsizetype(m_shown) + PageSize));
    if (end <= m_shown)
        return;
    beginInsertRows({}, m_shown, end - 1);
    m_shown = end;
    endInsertRows();
}

QVariant DuplicatePairModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DuplicatePair& p = m_pairs.at(index.row());
    const Summary* first = summary(p.ridA);
    const Summary* second = summary(p.ridB);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ScoreColumn:
            return p.score;
        case FirstColumn:
        case SecondColumn: {
            const Summary* s = index.column() == FirstColumn ? first : second;
            if (!s)
                return tr("(not available)");
            return s->detail.isEmpty() ? s->name : tr("%1 \u2014 %2").arg(s->name, s->detail);
        }
        case ReasonsColumn:
            return p.reasonTexts().join(QStringLiteral(", "));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == FirstColumn && first)
            return first->tooltip;
        if (index.column() == SecondColumn && second)
            return second->tooltip;
        if (index.column() == ReasonsColumn)
            return p.reasonTexts().join(QLatin1Char('\n'));
        if (index.column() == ScoreColumn)
            return p.score >= DuplicateScoring::kConfidentScore
                       ? tr("Score %1 of 100: confident — merged by \u201cMerge All Confident\u201d")
                             .arg(p.score)
                       : tr("Score %1 of 100: review before merging").arg(p.score);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ScoreColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::FontRole:
        if (index.column() == ScoreColumn && p.score >= DuplicateScoring::kConfidentScore) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case ScoreRole:
        return p.score;
    case FirstIdRole:
        return first ? first->id : QString();
    case SecondIdRole:
        return second ? second->id : QString();
    default:
        break;
    }
    return {};
}

QVariant DuplicatePairModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == ScoreColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ScoreColumn:
        return tr("Score");
    case FirstColumn:
        return tr("Contact");
    case SecondColumn:
        return tr("Possible duplicate");
    case ReasonsColumn:
        return tr("Why");
    default:
        return {};
    }
}

} // namespace outpost

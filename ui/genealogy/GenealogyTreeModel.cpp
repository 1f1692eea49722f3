#include "genealogy/GenealogyTreeModel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <climits>

namespace outpost {

GenealogyTreeModel::GenealogyTreeModel(GenealogyRepository& repository, GenealogyTree tree, QObject* parent)
    : QAbstractItemModel(parent), m_repository(repository), m_tree(tree), m_root(std::make_unique<Node>())
{
}

GenealogyTreeModel::~GenealogyTreeModel() = default;

void GenealogyTreeModel::setTree(GenealogyTree tree)
{
    if (tree == m_tree)
        return;
    m_tree = tree;
    reload();
}

void GenealogyTreeModel::setVolumeSource(VolumeSource source)
{
    m_volumes = std::move(source);
    if (!m_root->children.empty())
        emit dataChanged(index(0, PvColumn), index(rowCount() - 1, GvColumn));
}

void GenealogyTreeModel::reload()
{
    m_changing = true; // see loadChildren()
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_byRid.clear();
    endResetModel();
    m_changing = false;
}

GenealogyTreeModel::Node* GenealogyTreeModel::nodeFor(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex GenealogyTreeModel::indexFor(Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->rowInParent, column, node);
}

QModelIndex GenealogyTreeModel::indexOfRid(qint64 rid, int column) const
{
    return indexFor(m_byRid.value(rid), column);
}

qint64 GenealogyTreeModel::ridAt(const QModelIndex& index) const
{
    return index.isValid() ? nodeFor(index)->row.rid : 0;
}

std::optional<qint64> GenealogyTreeModel::parentRidOf(const Node* node) const
{
    if (node == m_root.get())
        return std::nullopt;
    return node->row.rid;
}

bool GenealogyTreeModel::loadChildren(Node* node, int limit)
{
    if (node->complete || node->failed)
        return true;
    std::optional<DistributorCursor> after;
    if (!node->children.empty())
        after = DistributorCursor{node->children.back()->row.sortKey, node->children.back()->row.rid};
    auto rows = m_repository.children(m_tree, parentRidOf(node), after, limit);
    if (!rows) {
        node->failed = true;
        emit loadFailed(rows.message());
        return false;
    }
    if (rows->size() < limit)
        node->complete = true;
    if (rows->isEmpty()) {
        if (node->children.empty() && node != m_root.get()) {
            // The cached size said there were children, the table says none: show it as a leaf.
            const QModelIndex idx = indexFor(node);
            emit dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1));
        }
        return true;
    }
    const int first = int(node->children.size());
    // Views and QAbstractItemModelTester ask canFetchMore() while they handle the insert (or reset)
    // signals: nothing is fetched until the change is complete.
    m_changing = true;
    beginInsertRows(indexFor(node), first, first + int(rows->size()) - 1);
    node->children.reserve(node->children.size() + size_t(rows->size()));
    for (DistributorListRow& r : rows.value()) {
        auto child = std::make_unique<Node>();
        child->row = std::move(r);
        child->parent = node;
        child->rowInParent = int(node->children.size());
        m_byRid.insert(child->row.rid, child.get());
        node->children.push_back(std::move(child));
    }
    endInsertRows();
    m_changing = false;
    return true;
}

QModelIndex GenealogyTreeModel::reveal(qint64 rid)
{
    auto path = m_repository.upline(rid, m_tree);
    if (!path) {
        emit loadFailed(path.message());
        return {};
    }
    Node* parent = m_root.get();
    for (const UplineEntry& step : path.value()) {
        Node* node = m_byRid.value(step.rid);
        if (!node) {
            auto position = m_repository.childPosition(m_tree, parentRidOf(parent), {step.sortKey, step.rid});
            if (!position) {
                emit loadFailed(position.message());
                return {};
            }
            const qint64 missing = position.value() + 1 - qint64(parent->children.size());
            // Up to the next one on the path, rounded up to a page.
            if (!loadChildren(parent, int(std::max<qint64>(missing, PageSize))))
                return {};
            node = m_byRid.value(step.rid);
            if (!node)
                return {}; // changed meanwhile; a reload shows the current tree
        }
        parent = node;
    }
    return indexFor(parent);
}

QModelIndex GenealogyTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const Node* p = nodeFor(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex GenealogyTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int GenealogyTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int GenealogyTreeModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return ColumnCount;
}

bool GenealogyTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node* n = nodeFor(parent);
    if (!n->children.empty())
        return true;
    if (n->complete || n->failed)
        return false;
    return n == m_root.get() || n->row.hasChildren;
}

bool GenealogyTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node* n = nodeFor(parent);
    if (n->complete || n->failed || m_changing)
        return false;
    return n == m_root.get() || n->row.hasChildren;
}

void GenealogyTreeModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        loadChildren(nodeFor(parent), PageSize);
}

QString GenealogyTreeModel::statusLabel(const QString& status)
{
    if (status == QLatin1String("active"))
        return tr("Active");
    if (status == QLatin1String("inactive"))
        return tr("Inactive");
    if (status == QLatin1String("terminated"))
        return tr("Terminated");
    return status;
}

QString GenealogyTreeModel::kycLabel(const QString& kycStatus)
{
    if (kycStatus == QLatin1String("not_started"))
        return tr("Not started");
    if (kycStatus == QLatin1String("pending"))
        return tr("Pending");
    if (kycStatus == QLatin1String("approved"))
        return tr("Approved");
    if (kycStatus == QLatin1String("rejected"))
        return tr("Rejected");
    if (kycStatus == QLatin1String("expired"))
        return tr("Expired");
    return kycStatus;
}

QVariant GenealogyTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const DistributorListRow& r = nodeFor(index)->row;
    switch (role) {
    case RidRole:
        return r.rid;
    case IdRole:
        return r.id;
    case DownlineSizeRole:
        return r.downlineSize;
    case Qt::TextAlignmentRole:
        if (index.column() == PvColumn || index.column() == GvColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && r.downlineSize > 0)
            return tr("%1: %n people in the downline", nullptr, int(std::min<qint64>(r.downlineSize, INT_MAX)))
                .arg(r.displayName);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return r.displayName;
    case RankColumn:
        return r.rankAchieved.isEmpty() ? QStringLiteral("—") : r.rankAchieved;
    case PvColumn:
    case GvColumn: {
        const std::optional<Volumes> v = m_volumes ? m_volumes(r.rid) : std::nullopt;
        if (!v)
            return QStringLiteral("—");
        return QLocale().toString(index.column() == PvColumn ? v->pv : v->gv);
    }
    case ActiveColumn:
        return statusLabel(r.status);
    case JoinDateColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.joinDate, Qt::UTC).toLocalTime().date(),
                                  QLocale::ShortFormat);
    case KycColumn:
        return kycLabel(r.kycStatus);
    default:
        return {};
    }
}

QVariant GenealogyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case RankColumn:
        return tr("Rank");
    case PvColumn:
        return tr("PV");
    case GvColumn:
        return tr("GV");
    case ActiveColumn:
        return tr("Status");
    case JoinDateColumn:
        return tr("Joined");
    case KycColumn:
        return tr("KYC");
    default:
        return {};
    }
}

} // namespace outpost

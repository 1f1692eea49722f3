#include "pipeline/DealCardModel.h"

#include "pipeline/Money.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace outpost {

namespace {
// The mime payload: the source stage, then the deal ids.
QByteArray encode(const QString& fromStage, const QStringList& ids)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << fromStage << ids;
    return bytes;
}

bool decode(const QMimeData* data, QString* fromStage, QStringList* ids)
{
    if (!data || !data->hasFormat(DealCardModel::mimeType()))
        return false;
    QDataStream in(data->data(DealCardModel::mimeType()));
    in >> *fromStage >> *ids;
    return in.status() == QDataStream::Ok && !ids->isEmpty();
}
} // namespace

DealCardModel::DealCardModel(DealRepository& repository, const QString& stageId, QObject* parent)
    : QAbstractListModel(parent), m_repository(repository), m_stageId(stageId)
{
    reload();
}

QList<DealRepository::Card> DealCardModel::readPage(qint64 afterRid, int limit)
{
    auto page = m_repository.dealsInStage(m_stageId, afterRid, limit + 1);
    if (!page) {
        emit loadFailed(page.message());
        m_more = false;
        return {};
    }
    m_more = page->size() > limit;
    if (m_more)
        page->removeLast();
    return page.value();
}

void DealCardModel::reload()
{
    const int shown = std::max<int>(PageSize, int(m_cards.size()));
    m_changing = true;
    beginResetModel();
    m_cards = readPage(0, shown);
    endResetModel();
    m_changing = false;
}

int DealCardModel::rowOf(const QString& dealId) const
{
    for (int i = 0; i < m_cards.size(); ++i) {
        if (m_cards[i].deal.id == dealId)
            return i;
    }
    return -1;
}

int DealCardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

QVariant DealCardModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Deal& d = m_cards[index.row()].deal;
    switch (role) {
    case Qt::DisplayRole:
        return d.title;
    case Qt::ToolTipRole:
        return tr("%1\n%2").arg(d.title, money::format(d.amountMinor, d.currency));
    case DealIdRole:
        return d.id;
    case OwnerRole:
        return d.ownerId;
    case ExpectedCloseRole:
        return d.expectedCloseAt ? QVariant(*d.expectedCloseAt) : QVariant();
    case ValueTextRole:
        return money::format(d.amountMinor, d.currency);
    default:
        return {};
    }
}

Qt::ItemFlags DealCardModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return QAbstractListModel::flags(index) | Qt::ItemIsDragEnabled;
}

bool DealCardModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_changing && m_more;
}

void DealCardModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const qint64 after = m_cards.isEmpty() ? 0 : m_cards.last().rid;
    const QList<DealRepository::Card> page = readPage(after, PageSize);
    if (page.isEmpty())
        return;
    m_changing = true;
    beginInsertRows({}, int(m_cards.size()), int(m_cards.size() + page.size() - 1));
    m_cards += page;
    endInsertRows();
    m_changing = false;
}

QStringList DealCardModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData* DealCardModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList ids;
    for (const QModelIndex& i : indexes) {
        if (i.isValid() && i.model() == this)
            ids << m_cards[i.row()].deal.id;
    }
    if (ids.isEmpty())
        return nullptr;
    auto* data = new QMimeData;
    data->setData(mimeType(), encode(m_stageId, ids));
    return data;
}

bool DealCardModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int, const QModelIndex&) const
{
    QString from;
    QStringList ids;
    return action == Qt::MoveAction && decode(data, &from, &ids) && from != m_stageId;
}

bool DealCardModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    QString from;
    QStringList ids;
    decode(data, &from, &ids);
    emit moveRequested(ids, m_stageId);
    // Nothing is inserted here: the column reads the moved deals again once the move is saved. Returning false
    // also keeps the source view from removing rows itself.
    return false;
}

} // namespace outpost

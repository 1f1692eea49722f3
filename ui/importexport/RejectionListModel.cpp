#include "importexport/RejectionListModel.h"

#include "importexport/ContactPreviewModel.h"

namespace outpost {

RejectionListModel::RejectionListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RejectionListModel::setRejections(const QList<ImportRejection>& rejections)
{
    beginResetModel();
    m_rejections = rejections;
    endResetModel();
}

int RejectionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rejections.size());
}

int RejectionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RejectionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportRejection& r = m_rejections.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LineColumn:
            return r.lastLine > r.line ? tr("%1–%2").arg(r.line).arg(r.lastLine) : QString::number(r.line);
        case ReasonColumn: {
            QString reason = ContactPreviewModel::reasonWithoutLine(r.line, r.reason);
            reason.replace(QLatin1Char('\n'), QLatin1Char(' '));
            return reason;
        }
        case ContentColumn: {
            QStringList fields = r.fields;
            for (QString& f : fields)
                f = f.simplified();
            return fields.join(QStringLiteral(" | "));
        }
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() != LineColumn)
        return index.column() == ReasonColumn ? r.reason : r.fields.join(QLatin1Char('\n'));
    if (role == Qt::TextAlignmentRole && index.column() == LineColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RejectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case ReasonColumn:
        return tr("Reason");
    case ContentColumn:
        return tr("Content");
    default:
        return {};
    }
}

} // namespace outpost

#include "importexport/ContactPreviewModel.h"

#include "theme/Theme.h"

namespace outpost {

ContactPreviewModel::ContactPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ContactPreviewModel::setRows(const QList<ContactImporter::PreviewRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ContactPreviewModel::problemCount() const
{
    int n = 0;
    for (const auto& r : m_rows)
        if (!r.problem.isEmpty())
            ++n;
    return n;
}

int ContactPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ContactPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ContactPreviewModel::reasonWithoutLine(qint64 line, const QString& reason)
{
    // The importer and the readers start their reasons with "Line N: " in the user's language.
    const QString prefix = ContactImporter::tr("Line %1: %2").arg(line).arg(QString());
    return !prefix.isEmpty() && reason.startsWith(prefix) ? reason.mid(prefix.size()) : reason;
}

QVariant ContactPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContactImporter::PreviewRow& r = m_rows.at(index.row());
    const Contact& c = r.contact;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LineColumn:
            return QString::number(r.line);
        case NameColumn:
            return QString(c.firstName + QLatin1Char(' ') + c.lastName).trimmed();
        case EmailColumn:
            return c.email;
        case PhoneColumn:
            return c.phone;
        case CompanyColumn:
            return c.company;
        case AddressColumn: {
            QStringList parts{c.street, QString(c.postalCode + QLatin1Char(' ') + c.city).trimmed(), c.country};
            parts.removeAll(QString());
            return parts.join(QStringLiteral(", "));
        }
        case StatusColumn:
            return r.problem.isEmpty() ? tr("Ready") : reasonWithoutLine(r.line, r.problem);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !r.problem.isEmpty())
        return r.problem;
    if (role == Qt::ForegroundRole && !r.problem.isEmpty() && index.column() == StatusColumn)
        return Theme::errorColor();
    if (role == Qt::ForegroundRole && r.problem.isEmpty() && index.column() == StatusColumn)
        return Theme::successColor();
    if (role == Qt::TextAlignmentRole && index.column() == LineColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ContactPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("E-mail");
    case PhoneColumn:
        return tr("Phone");
    case CompanyColumn:
        return tr("Company");
    case AddressColumn:
        return tr("Address");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace outpost

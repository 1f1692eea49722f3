#include "customfields/CustomFieldListModel.h"

#include "storage/Database.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace outpost {

CustomFieldListModel::CustomFieldListModel(Database& database, const QString& entity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_database(database)
    , m_entity(entity)
{
    reload();
}

void CustomFieldListModel::setEntity(const QString& entity)
{
    if (entity == m_entity)
        return;
    m_entity = entity;
    reload();
}

void CustomFieldListModel::reload()
{
    QSqlDatabase conn = m_database.connection();
    auto fields = CustomFields::definitions(conn, m_entity, true);
    beginResetModel();
    m_fields = fields ? fields.value() : QList<CustomField>();
    std::stable_sort(m_fields.begin(), m_fields.end(),
                     [](const CustomField& a, const CustomField& b) { return !a.retired && b.retired; });
    endResetModel();
    if (!fields)
        emit loadFailed(fields.message());
}

void CustomFieldListModel::onEntitiesChanged(const EntityChanges& changes)
{
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("customfield")) {
            reload();
            return;
        }
    }
}

const CustomField* CustomFieldListModel::fieldAt(int row) const
{
    return row >= 0 && row < m_fields.size() ? &m_fields.at(row) : nullptr;
}

QString CustomFieldListModel::typeText(CustomField::Type type)
{
    switch (type) {
    case CustomField::Type::Text: return tr("Text");
    case CustomField::Type::Number: return tr("Number");
    case CustomField::Type::Date: return tr("Date");
    case CustomField::Type::Choice: return tr("Single choice");
    case CustomField::Type::MultiChoice: return tr("Multiple choice");
    }
    return {};
}

int CustomFieldListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int CustomFieldListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomFieldListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CustomField& f = m_fields.at(index.row());
    if (role == Qt::ForegroundRole && f.retired)
        return QGuiApplication::palette().brush(QPalette::PlaceholderText);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LabelColumn:
        return f.retired ? tr("%1 (retired)").arg(f.label) : f.label;
    case KeyColumn:
        return f.key;
    case TypeColumn:
        return typeText(f.type);
    case RulesColumn: {
        QStringList parts;
        if (f.required)
            parts << tr("required");
        if (!f.options.isEmpty())
            parts << f.options.join(QStringLiteral(", "));
        if (f.min)
            parts << tr("≥ %1").arg(*f.min);
        if (f.max)
            parts << tr("≤ %1").arg(*f.max);
        if (f.maxLength > 0)
            parts << tr("at most %n character(s)", nullptr, f.maxLength);
        if (!f.regex.isEmpty())
            parts << tr("pattern %1").arg(f.regex);
        return parts.join(QStringLiteral("; "));
    }
    }
    return {};
}

QVariant CustomFieldListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LabelColumn: return tr("Label");
    case KeyColumn: return tr("Key");
    case TypeColumn: return tr("Type");
    case RulesColumn: return tr("Rules");
    }
    return {};
}

} // namespace outpost

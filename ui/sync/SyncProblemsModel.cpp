#include "sync/SyncProblemsModel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace outpost {

SyncProblemsModel::SyncProblemsModel(SyncProblems& problems, QString me, QObject* parent)
    : QAbstractTableModel(parent), m_problems(problems), m_me(std::move(me))
{
    reload();
}

void SyncProblemsModel::reload()
{
    auto conflicts = m_problems.openConflicts();
    auto rejections = m_problems.rejections();
    beginResetModel();
    m_conflicts = conflicts ? conflicts.value() : QList<SyncConflict>();
    m_rejections = rejections ? rejections.value() : QList<SyncRejection>();
    m_error = !conflicts ? conflicts.message() : !rejections ? rejections.message() : QString();
    endResetModel();
    if (!m_error.isEmpty())
        emit loadFailed(m_error);
}

bool SyncProblemsModel::isConflict(int row) const
{
    return row >= 0 && row < m_conflicts.size();
}

const SyncConflict* SyncProblemsModel::conflictAt(int row) const
{
    return isConflict(row) ? &m_conflicts.at(row) : nullptr;
}

const SyncRejection* SyncProblemsModel::rejectionAt(int row) const
{
    const qsizetype r = row - m_conflicts.size();
    return row >= 0 && r >= 0 && r < m_rejections.size() ? &m_rejections.at(r) : nullptr;
}

int SyncProblemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_conflicts.size() + m_rejections.size());
}

int SyncProblemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SyncProblemsModel::entityLabel(const QString& entity)
{
    if (entity == QLatin1String("contact"))
        return tr("Contact");
    if (entity == QLatin1String("distributor"))
        return tr("Distributor");
    if (entity == QLatin1String("conflict"))
        return tr("Conflict");
    return entity;
}

QString SyncProblemsModel::fieldLabel(const QString& entity, const QString& field)
{
    Q_UNUSED(entity);
    static const QList<std::pair<const char*, const char*>> labels = {
        {"firstName", QT_TR_NOOP("First name")},   {"lastName", QT_TR_NOOP("Last name")},
        {"email", QT_TR_NOOP("E-mail")},           {"phone", QT_TR_NOOP("Phone")},
        {"company", QT_TR_NOOP("Company")},        {"street", QT_TR_NOOP("Street")},
        {"postalCode", QT_TR_NOOP("Postal code")}, {"city", QT_TR_NOOP("City")},
        {"country", QT_TR_NOOP("Country")},        {"notes", QT_TR_NOOP("Notes")},
        {"ownerId", QT_TR_NOOP("Owner")},          {"displayName", QT_TR_NOOP("Name")},
        {"status", QT_TR_NOOP("Status")},
    };
    for (const auto& [key, label] : labels)
        if (field == QLatin1String(key))
            return tr(label);
    return field;
}

QString SyncProblemsModel::changeLabel(const QString& name)
{
    if (name == QLatin1String("contact.create"))
        return tr("New contact");
    if (name == QLatin1String("contact.update"))
        return tr("Contact edit");
    if (name == QLatin1String("contact.delete"))
        return tr("Contact deletion");
    if (name == QLatin1String("distributor.create"))
        return tr("New distributor");
    if (name == QLatin1String("distributor.update"))
        return tr("Distributor edit");
    if (name == QLatin1String("distributor.move"))
        return tr("Genealogy move");
    if (name == QLatin1String("conflict.resolve"))
        return tr("Conflict resolution");
    return name;
}

QString SyncProblemsModel::valueText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
        return tr("(none)");
    case QJsonValue::Null:
        return tr("(empty)");
    case QJsonValue::String:
        return v.toString().isEmpty() ? tr("(empty)") : v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double:
        return QLocale().toString(v.toDouble());
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QString SyncProblemsModel::argsText(const QJsonObject& args)
{
    QStringList parts;
    const QJsonObject set = args.value(QStringLiteral("set")).isObject() ? args.value(QStringLiteral("set")).toObject()
                                                                          : args.value(QStringLiteral("fields")).toObject();
    for (auto it = set.begin(); it != set.end(); ++it)
        parts << tr("%1: %2").arg(fieldLabel({}, it.key()), valueText(it.value()));
    if (parts.isEmpty()) {
        for (auto it = args.begin(); it != args.end(); ++it)
            if (it.key() != QLatin1String("id"))
                parts << tr("%1: %2").arg(it.key(), valueText(it.value()));
    }
    return parts.join(QStringLiteral("; "));
}

QVariant SyncProblemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (const SyncConflict* c = conflictAt(row)) {
        switch (role) {
        case KindRole:
            return QStringLiteral("conflict");
        case IdRole:
            return c->id;
        case EntityRole:
            return c->entity;
        case EntityIdRole:
            return c->entityId;
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            switch (index.column()) {
            case KindColumn:
                return tr("Conflict");
            case RecordColumn:
                return c->recordName.isEmpty() ? tr("%1 (deleted)").arg(entityLabel(c->entity))
                                               : tr("%1 %2").arg(entityLabel(c->entity), c->recordName);
            case FieldColumn:
                return fieldLabel(c->entity, c->field);
            case CurrentColumn:
                return valueText(c->current);
            case ReplacedColumn:
                return valueText(c->replaced);
            case DetailColumn:
                if (!m_me.isEmpty() && c->loser == m_me)
                    return tr("Another user's edit replaced your value.");
                if (!m_me.isEmpty() && c->winner == m_me)
                    return tr("Your edit replaced a value another user had set.");
                return tr("Two users edited this field at the same time.");
            case WhenColumn:
                return QLocale().toString(QDateTime::fromMSecsSinceEpoch(c->at).toLocalTime(), QLocale::ShortFormat);
            default:
                return {};
            }
        default:
            return {};
        }
    }
    const SyncRejection* r = rejectionAt(row);
    if (!r)
        return {};
    switch (role) {
    case KindRole:
        return QStringLiteral("rejection");
    case IdRole:
        return r->seq;
    case EntityRole:
        return r->entity;
    case EntityIdRole:
        return r->entityId;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KindColumn:
            return tr("Refused");
        case RecordColumn:
            return r->recordName.isEmpty() ? entityLabel(r->entity) : tr("%1 %2").arg(entityLabel(r->entity), r->recordName);
        case FieldColumn:
            return changeLabel(r->name);
        case CurrentColumn:
            return {};
        case ReplacedColumn:
            return argsText(r->args);
        case DetailColumn:
            return r->message;
        case WhenColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r->at).toLocalTime(), QLocale::ShortFormat);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant SyncProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Problem");
    case RecordColumn:
        return tr("Record");
    case FieldColumn:
        return tr("Field or change");
    case CurrentColumn:
        return tr("Value now");
    case ReplacedColumn:
        return tr("Replaced or refused value");
    case DetailColumn:
        return tr("What happened");
    case WhenColumn:
        return tr("When");
    default:
        return {};
    }
}

} // namespace outpost

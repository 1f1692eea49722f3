#include "privacy/ConsentListModel.h"

#include "storage/Database.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace outpost {

namespace {
QString formatDate(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().date(), QLocale::ShortFormat);
}
} // namespace

ConsentListModel::ConsentListModel(Database& db, QObject* parent) : QAbstractTableModel(parent), m_db(db) {}

Status ConsentListModel::load(const QString& contactId, qint64 nowMs)
{
    QList<Consent> list;
    Status status;
    if (!contactId.isEmpty()) {
        QSqlDatabase conn = m_db.connection();
        auto read = Consents::forContact(conn, contactId);
        if (read)
            list = read.value();
        else
            status = read.error();
    }
    beginResetModel();
    m_contactId = contactId;
    m_now = nowMs;
    m_consents = std::move(list);
    endResetModel();
    return status;
}

const Consent* ConsentListModel::consentAt(int row) const
{
    return row >= 0 && row < m_consents.size() ? &m_consents.at(row) : nullptr;
}

int ConsentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_consents.size());
}

int ConsentListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConsentListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Consent& c = m_consents.at(index.row());
    const Consent::State state = c.stateAt(m_now);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Purpose:
            return c.purpose;
        case Source:
            return c.source;
        case Given:
            return formatDate(c.givenAt);
        case Expires:
            return c.expiresAt ? formatDate(*c.expiresAt) : tr("never");
        case State:
            switch (state) {
            case Consent::State::Withdrawn:
                return tr("Withdrawn %1").arg(formatDate(*c.withdrawnAt));
            case Consent::State::Expired:
                return tr("Expired %1").arg(formatDate(*c.expiresAt));
            case Consent::State::Active:
                return c.expiresAt ? tr("In force until %1").arg(formatDate(*c.expiresAt)) : Consents::stateName(state);
            }
        }
        return {};
    case Qt::ToolTipRole: {
        // Everything about the consent, for a narrow view that shows only some columns.
        QString text = c.source.isEmpty() ? tr("Given on %1.").arg(formatDate(c.givenAt))
                                          : tr("Given on %1 (%2).").arg(formatDate(c.givenAt), c.source);
        if (state == Consent::State::Expired)
            text += QLatin1Char(' ') + tr("It expired on %1; ask the person again before relying on it.")
                                           .arg(formatDate(*c.expiresAt));
        else if (state == Consent::State::Withdrawn)
            text += QLatin1Char(' ') + tr("Withdrawn on %1.").arg(formatDate(*c.withdrawnAt));
        else if (c.expiresAt)
            text += QLatin1Char(' ') + tr("Expires on %1.").arg(formatDate(*c.expiresAt));
        return text;
    }
    case Qt::ForegroundRole:
        if (state != Consent::State::Active)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (index.column() == State && state == Consent::State::Expired) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant ConsentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Purpose:
        return tr("Purpose");
    case Source:
        return tr("Source");
    case Given:
        return tr("Given");
    case Expires:
        return tr("Expires");
    case State:
        return tr("State");
    }
    return {};
}

} // namespace outpost

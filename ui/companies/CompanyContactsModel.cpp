#include "companies/CompanyContactsModel.h"

namespace outpost {

CompanyContactsModel::CompanyContactsModel(CompanyRepository& repository, QObject* parent)
    : KeysetPagedModel(PageSize, parent)
    , m_repository(repository)
{
}

void CompanyContactsModel::setCompany(const QString& companyId)
{
    m_companyId = companyId;
    const Result<qint64> total = companyId.isEmpty() ? Result<qint64>(0) : m_repository.contactCount(companyId);
    if (restart(!companyId.isEmpty(), [&] { m_total = total ? total.value() : rows().size(); }) && !total)
        emit loadFailed(total.message());
}

Result<QList<ContactListRow>> CompanyContactsModel::readPage(const ContactListRow* after, int limit)
{
    return m_repository.contactsOf(m_companyId, cursorAfter<ContactCursor>(after), limit);
}

QVariant CompanyContactsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContactListRow& r = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return r.email.isEmpty() ? r.displayName() : tr("%1 \u2014 %2").arg(r.displayName(), r.email);
    case Qt::ToolTipRole:
        return QStringList{r.displayName(), r.email, r.phone}.join(QLatin1Char('\n')).trimmed();
    case IdRole:
        return r.id;
    }
    return {};
}

} // namespace outpost

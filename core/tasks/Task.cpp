#include "tasks/Task.h"

namespace outpost {

const QStringList& Task::editableFields()
{
    static const QStringList fields = {QStringLiteral("title"),      QStringLiteral("notes"),
                                       QStringLiteral("dueAt"),      QStringLiteral("reminderAt"),
                                       QStringLiteral("assigneeId"), QStringLiteral("contactId"),
                                       QStringLiteral("dealId")};
    return fields;
}

QJsonObject Task::toJson() const
{
    auto time = [](const std::optional<qint64>& t) { return t ? QJsonValue(double(*t)) : QJsonValue(); };
    return {{QStringLiteral("title"), title},          {QStringLiteral("notes"), notes},
            {QStringLiteral("dueAt"), time(dueAt)},    {QStringLiteral("reminderAt"), time(reminderAt)},
            {QStringLiteral("assigneeId"), assigneeId}, {QStringLiteral("createdBy"), createdBy},
            {QStringLiteral("contactId"), contactId},  {QStringLiteral("dealId"), dealId},
            {QStringLiteral("doneAt"), time(doneAt)}};
}

} // namespace outpost

#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace outpost {

// A to-do or follow-up: due time, reminder, assignee, linked to a contact and/or a deal.
struct Task
{
    QString id;
    QString title;
    QString notes;
    std::optional<qint64> dueAt;      // UTC ms
    std::optional<qint64> reminderAt; // UTC ms
    QString assigneeId;
    QString createdBy;
    QString contactId;
    QString dealId;
    std::optional<qint64> doneAt; // set while completed
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    bool isDone() const { return doneAt.has_value(); }
    // The fields task.create takes and task.update may set, with their JSON names.
    static const QStringList& editableFields();
    QJsonObject toJson() const; // every field except the bookkeeping ones
};

} // namespace outpost

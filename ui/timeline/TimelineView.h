#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QListView;
class QPushButton;

namespace outpost {

class TimelineModel;
class Workspace;

// A record's timeline with a filter by kind and a "Log Activity…" button that logs on the shown record.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(Workspace& workspace, QWidget* parent = nullptr);

    void setSubject(const QString& subjectType, const QString& subjectId);
    TimelineModel* model() const { return m_model; }
    // Said instead of an empty list.
    QLabel* emptyLabel() const { return m_empty; }
    // Opens the dialog to log an activity on the shown record.
    void logActivity();

private:
    void updateEmptyState();

    Workspace& m_workspace;
    TimelineModel* m_model;
    QComboBox* m_filter;
    QListView* m_list;
    QLabel* m_empty;
    QPushButton* m_log;
    QString m_subjectType;
    QString m_subjectId;
};

} // namespace outpost

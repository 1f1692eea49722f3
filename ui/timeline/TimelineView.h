#pragma once

#include <QWidget>

class QComboBox;
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
    // Opens the dialog to log an activity on the shown record.
    void logActivity();

private:
    Workspace& m_workspace;
    TimelineModel* m_model;
    QComboBox* m_filter;
    QListView* m_list;
    QPushButton* m_log;
    QString m_subjectType;
    QString m_subjectId;
};

} // namespace outpost

#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace outpost {

// What the main window shows instead of its contents while the profile is locked.
class LockScreen : public QWidget
{
    Q_OBJECT
public:
    explicit LockScreen(QWidget* parent = nullptr);
    void setProfileName(const QString& name);

signals:
    void unlockRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcon();

    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_text;
    QPushButton* m_unlock;
};

} // namespace outpost

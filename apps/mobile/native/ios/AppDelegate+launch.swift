        // st-proxy: the notification categories the proxy's pushes name (`aps.category`). A message
        // can be answered from the notification; the typed text reaches the app as the `reply` action.
        let reply = UNTextInputNotificationAction(
            identifier: "reply",
            title: "Reply",
            options: [],
            textInputButtonTitle: "Send",
            textInputPlaceholder: "Message"
        )
        UNUserNotificationCenter.current().setNotificationCategories([
            UNNotificationCategory(identifier: "ST_MESSAGE", actions: [reply], intentIdentifiers: [], options: []),
            UNNotificationCategory(identifier: "ST_INVITATION", actions: [], intentIdentifiers: [], options: []),
            UNNotificationCategory(identifier: "ST_ANNOUNCEMENT", actions: [], intentIdentifiers: [], options: []),
        ])

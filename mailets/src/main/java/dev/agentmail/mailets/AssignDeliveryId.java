package dev.agentmail.mailets;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import javax.mail.MessagingException;

/**
 * First mailet of the pipeline: stamps the message with its spool name, which the spool keeps across
 * redeliveries while James renames the copies it splits off. Any such header from outside is replaced.
 */
public class AssignDeliveryId extends GenericMailet {
    @Override
    public void service(Mail mail) throws MessagingException {
        mail.getMessage().setHeader(DeliveryIds.HEADER, mail.getName());
        mail.getMessage().saveChanges();
    }

    @Override
    public String getMailetInfo() {
        return "Stamps each message with the name it has in the spool";
    }
}

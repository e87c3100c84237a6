package com.multistore.elt.infra.client;

import com.multistore.elt.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The infra scheduler's EC2 client on aws-support's settings ({@code aws.ec2.endpoint-override}); its forced-stop
 * alert goes through aws-support's one SNS alert sender.
 */
@ApplicationScoped
public class HostClients {

    @Produces
    @ApplicationScoped
    Ec2Client ec2(AwsClients aws) {
        return aws.client(Ec2Client.builder(), "ec2");
    }

    void close(@Disposes Ec2Client client) {
        client.close();
    }
}

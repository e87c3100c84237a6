package com.multistore.elt.infra.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/** StartInstances / StopInstances / DescribeInstances for one instance; returns the state EC2 reports. */
@ApplicationScoped
public class Ec2Instances {

    @Inject
    Ec2Client ec2;

    public String start(String instanceId) {
        return ec2.startInstances(r -> r.instanceIds(instanceId)).startingInstances().stream()
                .findFirst().map(c -> c.currentState().nameAsString()).orElse("unknown");
    }

    public String stop(String instanceId) {
        return ec2.stopInstances(r -> r.instanceIds(instanceId)).stoppingInstances().stream()
                .findFirst().map(c -> c.currentState().nameAsString()).orElse("unknown");
    }

    public String state(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(i -> instanceId.equals(i.instanceId()))
                .map(Instance::state).map(s -> s.nameAsString())
                .findFirst().orElseThrow(() -> new IllegalStateException("EC2 does not know instance " + instanceId));
    }
}

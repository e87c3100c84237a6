package com.multistore.elt.loader.archive;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The archive in an S3 bucket, under a key prefix. S3 errors surface as IOExceptions (a failed write fails the load). */
public class S3Archive implements RawArchive {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3Archive(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public String write(String key, byte[] gzipJsonLines) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType("application/gzip"),
                    RequestBody.fromBytes(gzipJsonLines));
            return uri(key);
        } catch (S3Exception | software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IOException("S3 put of s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
                String key = object.key().substring(prefix.length());
                if (key.endsWith(".jsonl.gz") && key.indexOf('/', keyPrefix.length()) < 0) {
                    keys.add(key);
                }
            }
            keys.sort(null);
            return keys;
        } catch (S3Exception | software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IOException("S3 list of s3://" + bucket + "/" + prefix + keyPrefix + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> stores() throws IOException {
        try {
            List<String> stores = new ArrayList<>();
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "store=").delimiter("/"))) {
                for (CommonPrefix common : page.commonPrefixes()) {
                    stores.add(ArchiveKeys.storeOf(common.prefix().substring(prefix.length())));
                }
            }
            stores.sort(null);
            return stores;
        } catch (S3Exception | software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IOException("S3 list of the stores in s3://" + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (S3Exception | software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IOException("S3 get of s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String uri(String key) {
        return "s3://" + bucket + "/" + prefix + key;
    }

    @Override
    public void checkWritable() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception | software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IOException("bucket " + bucket + " is not reachable: " + e.getMessage(), e);
        }
    }
}

package io.sendguard.server;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.file.FileMailRepository;

/**
 * Lets James's mail repository store create {@code file://} repositories (James's
 * {@link FileMailRepository}: one pair of files per mail under the repository's path in the working
 * directory); the store configures and initialises each one from {@code mailrepositorystore.xml}.
 */
public final class FileMailRepositoryFactory implements MailRepositoryFactory {
    private final FileSystem fileSystem;

    @Inject
    public FileMailRepositoryFactory(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public Class<? extends MailRepository> mailRepositoryClass() {
        return FileMailRepository.class;
    }

    @Override
    public MailRepository create(MailRepositoryUrl url) {
        FileMailRepository repository = new FileMailRepository();
        repository.setFileSystem(fileSystem);
        return repository;
    }
}
